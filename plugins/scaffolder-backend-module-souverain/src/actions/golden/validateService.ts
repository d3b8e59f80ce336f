import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { ConflictError, InputError, NotAllowedError, isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { AdrIndexService } from '@souverain/plugin-adr-node';
import {
  TEMPLATE_VERSION_ANNOTATION,
  validateServiceName,
} from '@souverain/plugin-golden-services-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { localRepositoryRoot, LOCAL_PUBLISH_ENABLED_CONFIG } from './publishLocal';

export const PLATFORM_ADRS_ENTITY_CONFIG = 'souverain.golden.platformAdrs.entityRef';
const DEFAULT_PLATFORM_ADRS_ENTITY = 'system:default/developer-platform';

export const DATA_CLASSIFICATIONS = ['public', 'internal', 'confidential', 'pii'] as const;
export const SERVICE_VARIANTS = ['api', 'fullstack', 'ml'] as const;

/** A platform ADR that applies to a new service, linked from its first decision record. */
export interface PlatformAdrLink {
  number: number | null;
  title: string;
  url: string;
}

const noControlCharacters = (value: string) =>
  [...value].every(character => {
    const code = character.charCodeAt(0);
    return code >= 0x20 && code !== 0x7f;
  });

/** Where a GitHub repository given as `github.com?owner=o&repo=r` can be browsed. */
export function githubRepository(repoUrl: string): { owner: string; repo: string; host: string } {
  let parsed: URL;
  try {
    parsed = new URL(`https://${repoUrl}`);
  } catch {
    throw new InputError(`"${repoUrl}" is not a repository location (expected host?owner=o&repo=r)`);
  }
  const owner = parsed.searchParams.get('owner') ?? '';
  const repo = parsed.searchParams.get('repo') ?? '';
  const part = /^[A-Za-z0-9_.-]{1,100}$/;
  if (!part.test(owner) || !part.test(repo) || repo.includes('..')) {
    throw new InputError(`"${repoUrl}" does not name a repository owner and name`);
  }
  return { owner, repo, host: parsed.host };
}

/**
 * `souverain:service:validate`: the first step of every golden template. Checks the whole
 * request before anything is written (name rules, owner and system exist, name not taken,
 * form values in range) and returns the values the skeleton is rendered with.
 */
export function createValidateServiceAction(options: {
  catalog: CatalogService;
  config: Config;
  auth: AuthService;
  /** Lists the platform decisions a new service's first record links to. */
  adrIndex: Pick<AdrIndexService, 'list'>;
}) {
  const { catalog, config, auth, adrIndex } = options;

  const platformAdrs = async (
    variant: string,
    logger: { warn(message: string): void },
  ): Promise<PlatformAdrLink[]> => {
    const entityRef =
      config.getOptionalString(PLATFORM_ADRS_ENTITY_CONFIG) ?? DEFAULT_PLATFORM_ADRS_ENTITY;
    const portalUrl = config.getString('app.baseUrl');
    try {
      const { items } = await adrIndex.list({
        entityRef: [entityRef],
        status: ['accepted'],
        sort: 'number',
        order: 'asc',
        limit: 100,
      });
      return items
        .filter(item => variant === 'ml' || !item.tags.includes('mlops'))
        .map(item => ({
          number: item.number,
          title: item.title,
          url: `${portalUrl}/decisions/${item.id}`,
        }));
    } catch (error) {
      // The service's docs then link to the Decisions page instead of single records
      logger.warn(
        `Could not list the platform decisions of ${entityRef} (${
          isError(error) ? error.message : String(error)
        }); the first decision record links to the Decisions page instead`,
      );
      return [];
    }
  };

  return createTemplateAction({
    id: 'souverain:service:validate',
    description:
      'Checks a golden service request before anything is written (name rules, owner and system exist, name free) and returns the values to render the skeleton with',
    supportsDryRun: true,
    schema: {
      input: {
        variant: z => z.enum(SERVICE_VARIANTS).describe('Which golden skeleton is rendered'),
        parameters: z =>
          z
            .object({
              name: z.unknown().describe('The service name (checked against the naming rules)'),
              description: z
                .string({ required_error: 'description: is required' })
                .trim()
                .min(10, 'description: must be at least 10 characters')
                .max(300, 'description: must be at most 300 characters')
                .refine(noControlCharacters, 'description: must be one line of text'),
              owner: z.string({ required_error: 'owner: is required' }).max(255),
              system: z.string({ required_error: 'system: is required' }).max(255),
              tenant: z
                .string({ required_error: 'tenant: is required' })
                .regex(
                  /^[a-z][a-z0-9-]{1,39}$/,
                  'tenant: lower-case letters, digits and hyphens, starting with a letter',
                ),
              dataClassification: z.enum(DATA_CLASSIFICATIONS),
              sloAvailability: z.coerce
                .number()
                .min(90, 'sloAvailability: must be at least 90 (%)')
                .max(99.999, 'sloAvailability: must be at most 99.999 (%)'),
              sloLatencyP95Ms: z.coerce
                .number()
                .int('sloLatencyP95Ms: must be a whole number of milliseconds')
                .min(1, 'sloLatencyP95Ms: must be at least 1 ms')
                .max(60000, 'sloLatencyP95Ms: must be at most 60000 ms'),
              costCenter: z
                .string({ required_error: 'costCenter: is required' })
                .regex(
                  /^[a-z0-9][a-z0-9-]{1,39}$/,
                  'costCenter: lower-case letters, digits and hyphens, e.g. cc-payments',
                ),
              patterns: z
                .array(z.enum(['feature-flags', 'outbox', 'idempotency']))
                .max(3)
                .default([]),
              publishTo: z.enum(['local', 'github']).default('local'),
              repoUrl: z.string().max(500).optional(),
            })
            .passthrough()
            .describe('The form values (pass ${{ parameters }})'),
        stagingDeployToken: z =>
          z
            .string()
            .max(4096)
            .optional()
            .describe('Optional secret; only its presence and shape are checked, it is never echoed'),
      },
      output: {
        values: z => z.record(z.unknown()),
        entityRef: z => z.string(),
      },
    },
    async handler(ctx) {
      const input = {
        ...ctx.input.parameters,
        patterns: ctx.input.parameters.patterns ?? [],
        publishTo: ctx.input.parameters.publishTo ?? 'local',
        variant: ctx.input.variant,
      };
      const token = ctx.input.stagingDeployToken;
      if (token && !/^[A-Za-z0-9_.~+/=-]{16,4096}$/.test(token)) {
        // Say what is wrong with the secret without ever repeating it
        throw new InputError(
          'stagingDeployToken: must be at least 16 characters of letters, digits and _ . ~ + / = - (the value is not shown)',
        );
      }
      if (input.variant === 'ml' && input.patterns.includes('outbox')) {
        throw new InputError(
          'patterns: the transactional outbox is not offered for ML services (feature flags and idempotency keys are)',
        );
      }
      const problem = validateServiceName(input.name);
      if (problem) throw new InputError(problem.message);
      const name = input.name as string;

      const template = ctx.templateInfo?.entity?.metadata;
      const templateVersion = template?.annotations?.[TEMPLATE_VERSION_ANNOTATION];
      if (!template?.name || !templateVersion) {
        throw new InputError(
          `The template has no ${TEMPLATE_VERSION_ANNOTATION} annotation; golden templates must carry their version`,
        );
      }

      const credentials = await ctx.getInitiatorCredentials();
      const expectRef = async (value: string, kinds: string[], what: string) => {
        let ref: string;
        try {
          ref = stringifyEntityRef(parseEntityRef(value, { defaultKind: kinds[0], defaultNamespace: 'default' }));
        } catch {
          throw new InputError(`${what}: "${value}" is not an entity reference`);
        }
        if (!kinds.includes(parseEntityRef(ref).kind)) {
          throw new InputError(`${what}: ${ref} must be a ${kinds.join(' or ')}`);
        }
        const entity = await catalog.getEntityByRef(ref, { credentials });
        if (!entity) throw new InputError(`${what}: ${ref} is not in the catalog`);
        return { ref, name: entity.metadata.name, title: entity.metadata.title ?? entity.metadata.name };
      };
      const owner = await expectRef(input.owner, ['group', 'user'], 'owner');
      const system = await expectRef(input.system, ['system'], 'system');

      // Taken: an entity by that name (whoever may see it) or an existing repository
      const service = await auth.getOwnServiceCredentials();
      for (const ref of [`component:default/${name}`, `api:default/${name}-api`]) {
        if (await catalog.getEntityByRef(ref, { credentials: service })) {
          throw new ConflictError(`The name "${name}" is already taken: ${ref} is in the catalog`);
        }
      }

      let repositoryUrl: string;
      let fileBaseUrl: string;
      if (input.publishTo === 'local') {
        if (!config.getOptionalBoolean(LOCAL_PUBLISH_ENABLED_CONFIG)) {
          throw new NotAllowedError(
            `Publishing to a local repository is switched off on this portal (${LOCAL_PUBLISH_ENABLED_CONFIG}); choose GitHub`,
          );
        }
        const root = localRepositoryRoot(config);
        const target = path.join(root, name);
        const exists = await fs.lstat(target).then(() => true, () => false);
        if (exists) {
          throw new ConflictError(`The name "${name}" is already taken: a local repository of that name exists`);
        }
        repositoryUrl = pathToFileURL(target).href;
        fileBaseUrl = `${repositoryUrl}/`;
      } else {
        if (!input.repoUrl) throw new InputError('repoUrl: choose where the GitHub repository goes');
        const { owner: org, repo, host } = githubRepository(input.repoUrl);
        repositoryUrl = `https://${host}/${org}/${repo}`;
        fileBaseUrl = `${repositoryUrl}/blob/main/`;
      }

      const patterns = new Set(input.patterns);
      const values = {
        name,
        description: input.description,
        owner: owner.ref,
        ownerName: owner.name,
        system: system.ref,
        systemName: system.name,
        tenant: input.tenant,
        dataClassification: input.dataClassification,
        sloAvailability: input.sloAvailability,
        sloLatencyP95Ms: input.sloLatencyP95Ms,
        costCenter: input.costCenter,
        featureFlags: patterns.has('feature-flags'),
        outbox: patterns.has('outbox'),
        idempotency: patterns.has('idempotency'),
        variant: input.variant,
        templateName: template.name,
        templateVersion,
        repositoryUrl,
        fileBaseUrl,
        portalUrl: config.getString('app.baseUrl'),
        platformAdrs: await platformAdrs(input.variant, ctx.logger),
        hasStagingDeployToken: Boolean(token),
        date: new Date().toISOString().slice(0, 10),
      };
      ctx.logger.info(
        `"${name}" is free; owner ${owner.ref}, system ${system.ref}, template ${template.name} ${templateVersion}`,
      );
      ctx.output('values', values);
      ctx.output('entityRef', `component:default/${name}`);
    },
  });
}
