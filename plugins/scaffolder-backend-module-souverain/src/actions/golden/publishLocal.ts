import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { ConflictError, InputError, NotAllowedError, isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { AdrIndexService } from '@souverain/plugin-adr-node';
import { validateServiceName } from '@souverain/plugin-golden-services-common';
import git from 'isomorphic-git';
import crypto from 'node:crypto';
import nodeFs from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { refreshDecisionIndex } from '../decisionIndex';
import { isWithin, listWorkspaceFiles, resolveInWorkspace } from './workspace';

export const LOCAL_PUBLISH_ENABLED_CONFIG = 'souverain.golden.localPublish.enabled';
export const LOCAL_PUBLISH_ROOT_CONFIG = 'souverain.golden.localPublish.root';
const STAGING = '.staging';

/** The folder local repositories are created in (absolute). */
export function localRepositoryRoot(config: Config): string {
  const configured = config.getOptionalString(LOCAL_PUBLISH_ROOT_CONFIG);
  if (!configured) {
    throw new NotAllowedError(`No folder for local repositories is configured (${LOCAL_PUBLISH_ROOT_CONFIG})`);
  }
  return path.resolve(configured);
}

/** Removes what a run interrupted earlier left in the staging folder. */
async function sweepStaging(root: string, olderThanMs: number) {
  const staging = path.join(root, STAGING);
  const entries = await fs.readdir(staging).catch(() => [] as string[]);
  const now = Date.now();
  for (const entry of entries) {
    const full = path.join(staging, entry);
    const stat = await fs.lstat(full).catch(() => undefined);
    if (stat && now - stat.mtimeMs > olderThanMs) {
      await fs.rm(full, { recursive: true, force: true });
    }
  }
}

/**
 * `souverain:publish:local`: turns the workspace into a git repository under the configured
 * local folder and registers its catalog-info.yaml, so that "Create" works on a laptop with
 * no Git host. All or nothing: the catalog file is validated before anything is written, the
 * repository appears by an atomic rename, and a registration that fails removes both the
 * location and the repository.
 */
export function createPublishLocalAction(options: {
  catalog: CatalogService;
  config: Config;
  auth: AuthService;
  /** With the decision index, the new service's first decision records show when the task ends. */
  adrIndex?: Pick<AdrIndexService, 'refresh'>;
  /** How long to wait for the catalog to hold the new entity, by default 60 s. */
  registrationTimeoutMs?: number;
}) {
  const { catalog, config, auth } = options;
  const timeoutMs = options.registrationTimeoutMs ?? 60_000;

  return createTemplateAction({
    id: 'souverain:publish:local',
    description:
      'Publishes the workspace as a local git repository (no Git host needed) and registers its catalog-info.yaml in the catalog',
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.unknown().describe('Repository name; follows the service-name rules'),
        sourcePath: z => z.string().max(255).default('.').describe('Folder of the workspace to publish'),
        catalogInfoPath: z => z.string().max(255).default('catalog-info.yaml'),
        entityRef: z => z.string().max(255).describe('The entity to wait for once registered'),
        commitMessage: z => z.string().max(500).default('Initial commit from a Souverain golden template'),
      },
      output: {
        remoteUrl: z => z.string(),
        catalogInfoUrl: z => z.string(),
        entityRef: z => z.string(),
        commit: z => z.string(),
      },
    },
    async handler(ctx) {
      // Defaults again here: the task runner validates inputs but does not fill defaults in
      const input = {
        ...ctx.input,
        sourcePath: ctx.input.sourcePath ?? '.',
        catalogInfoPath: ctx.input.catalogInfoPath ?? 'catalog-info.yaml',
        commitMessage: ctx.input.commitMessage ?? 'Initial commit from a Souverain golden template',
      };
      if (!config.getOptionalBoolean(LOCAL_PUBLISH_ENABLED_CONFIG)) {
        throw new NotAllowedError(`Publishing to a local repository is switched off (${LOCAL_PUBLISH_ENABLED_CONFIG})`);
      }
      const problem = validateServiceName(input.name);
      if (problem) throw new InputError(problem.message);
      const name = input.name as string;

      const root = localRepositoryRoot(config);
      const readable = (config.getOptionalStringArray('souverain.localFiles.roots') ?? []).map(r => path.resolve(r));
      if (!readable.some(r => isWithin(r, root))) {
        throw new NotAllowedError(
          `${LOCAL_PUBLISH_ROOT_CONFIG} must be below one of souverain.localFiles.roots, or the catalog could not read what is published`,
        );
      }
      await fs.mkdir(path.join(root, STAGING), { recursive: true });
      const realRoot = await fs.realpath(root);
      const target = path.join(realRoot, name);
      if (path.dirname(target) !== realRoot) throw new InputError(`Refusing to publish outside ${realRoot}`);
      if (await fs.lstat(target).then(() => true, () => false)) {
        throw new ConflictError(`A local repository named "${name}" already exists`);
      }

      // Everything is read from inside the workspace; a link leading out stops the step here
      const source = await resolveInWorkspace(ctx.workspacePath, input.sourcePath);
      const { files, links } = await listWorkspaceFiles(source);
      const catalogInfo = await resolveInWorkspace(source, input.catalogInfoPath);
      const catalogInfoRelative = path.relative(source, catalogInfo);
      if (!files.includes(catalogInfoRelative)) {
        throw new InputError(`${input.catalogInfoPath} is not a file of the repository being published`);
      }

      // Validate the entities as the catalog will read them (placeholders such as $text resolve
      // against the staged copy), before the repository appears or anything is registered. A dry
      // run has no staged copy the catalog may read, so it checks the YAML and the entity only.
      const validate = async (base: string, withCatalog = true) => {
        const stagedUrl = pathToFileURL(path.join(base, catalogInfoRelative)).href;
        const credentials = await ctx.getInitiatorCredentials();
        const documents = YAML.parseAllDocuments(await fs.readFile(path.join(base, catalogInfoRelative), 'utf8'));
        const entities: Entity[] = [];
        for (const document of documents) {
          if (document.errors.length) {
            throw new InputError(`${input.catalogInfoPath} is not valid YAML: ${document.errors[0].message}`);
          }
          const entity = document.toJS();
          if (entity) entities.push(entity);
        }
        const refs = entities.map(e => stringifyEntityRef(e));
        if (!refs.includes(input.entityRef)) {
          throw new InputError(`${input.catalogInfoPath} does not describe ${input.entityRef}`);
        }
        for (const entity of withCatalog ? entities : []) {
          const result = await catalog.validateEntity(entity, `url:${stagedUrl}`, { credentials });
          if (!result.valid) {
            throw new InputError(
              `${stringifyEntityRef(entity)} in ${input.catalogInfoPath} is not a valid catalog entity: ${result.errors
                .map(e => e.message)
                .join('; ')}`,
            );
          }
        }
        return refs;
      };
      const catalogInfoUrl = pathToFileURL(path.join(target, catalogInfoRelative)).href;

      if (ctx.isDryRun) {
        const refs = await validate(source, false);
        ctx.logger.info(`Dry run: would publish ${files.length} files to a local repository and register ${refs.join(', ')}`);
        ctx.output('remoteUrl', pathToFileURL(target).href);
        ctx.output('catalogInfoUrl', catalogInfoUrl);
        ctx.output('entityRef', input.entityRef);
        ctx.output('commit', '0'.repeat(40));
        return;
      }

      // Build the repository aside, then move it into place in one rename
      await sweepStaging(realRoot, 60 * 60 * 1000);
      const staging = path.join(realRoot, STAGING, `${name}-${crypto.randomBytes(6).toString('hex')}`);
      let commit: string;
      try {
        await fs.mkdir(staging, { recursive: true });
        for (const file of [...files, ...links]) {
          const to = path.join(staging, file);
          await fs.mkdir(path.dirname(to), { recursive: true });
          await fs.cp(path.join(source, file), to, { verbatimSymlinks: true, errorOnExist: true, force: false });
        }
        await validate(staging);
        await git.init({ fs: nodeFs, dir: staging, defaultBranch: 'main' });
        await git.add({ fs: nodeFs, dir: staging, filepath: [...files, ...links] });
        const user = ctx.user?.entity;
        commit = await git.commit({
          fs: nodeFs,
          dir: staging,
          message: input.commitMessage,
          author: {
            name: user?.spec?.profile?.displayName ?? user?.metadata.name ?? 'Souverain scaffolder',
            email: user?.spec?.profile?.email ?? 'scaffolder@souverain.invalid',
          },
        });
        await fs.rename(staging, target);
      } catch (error) {
        await fs.rm(staging, { recursive: true, force: true });
        if (isError(error) && ['EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException).code ?? '')) {
          throw new ConflictError(`A local repository named "${name}" appeared meanwhile; nothing was published`);
        }
        throw error;
      }
      ctx.logger.info(`Published ${files.length} files to the local repository "${name}" (commit ${commit.slice(0, 7)})`);

      // Register, and wait for the catalog to hold the entity; undo everything if it does not
      const credentials = await ctx.getInitiatorCredentials();
      const service = await auth.getOwnServiceCredentials();
      let locationId: string | undefined;
      try {
        const { location } = await catalog.addLocation({ type: 'url', target: catalogInfoUrl }, { credentials });
        locationId = location.id;
        ctx.logger.info(`Registered ${catalogInfoUrl}; waiting for the catalog to process it`);
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const entity = await catalog.getEntityByRef(input.entityRef, { credentials: service });
          if (entity) break;
          if (Date.now() > deadline) {
            throw new Error(`the catalog did not hold ${input.entityRef} after ${Math.round(timeoutMs / 1000)} s`);
          }
          await new Promise(resolve => setTimeout(resolve, 200));
        }
      } catch (error) {
        const reason = isError(error) ? error.message : String(error);
        ctx.logger.error(`Registration failed (${reason}); removing the location and the repository`);
        if (locationId) {
          await catalog.removeLocationById(locationId, { credentials: service }).catch(() => undefined);
        }
        await fs.rm(target, { recursive: true, force: true });
        throw new Error(`Registering ${input.entityRef} failed: ${reason}. Nothing was kept.`);
      }
      ctx.logger.info(`${input.entityRef} is in the catalog`);
      if (options.adrIndex) {
        await refreshDecisionIndex(
          options.adrIndex,
          ctx.logger,
          input.entityRef,
          'its decision records',
        );
      }
      ctx.output('remoteUrl', pathToFileURL(target).href);
      ctx.output('catalogInfoUrl', catalogInfoUrl);
      ctx.output('entityRef', input.entityRef);
      ctx.output('commit', commit);
    },
  });
}

