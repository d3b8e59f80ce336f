import { UrlReaderService, resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConflictError, InputError, NotAllowedError, NotFoundError, isError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { refreshDecisionIndex } from './decisionIndex';
import { AdrIndexService, adrRecordId, resolveAdrFolderUrl } from '@souverain/plugin-adr-node';
import {
  ADR_ENTITY_KINDS,
  adrNumberFromFileName,
  isAdrFileName,
  parseAdr,
} from '@souverain/plugin-adr-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

/** Config switch for writing decision records straight into local folders (demo, laptop). */
export const LOCAL_WRITE_CONFIG = 'souverain.adr.recordDecisions.localWrite';

/** Turns a title into the file-name part of a record: `Use PostgreSQL 16!` gives `use-postgresql-16`. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'decision';
}

/** The record's markdown, MADR 4 with front matter. */
export function renderDecisionRecord(input: {
  title: string;
  status: string;
  date: string;
  deciders: string[];
  consulted: string[];
  tags: string[];
  context: string;
  options: string[];
  decision: string;
  consequences: string;
}): string {
  const front: Record<string, unknown> = { status: input.status, date: input.date };
  if (input.deciders.length) front['decision-makers'] = input.deciders;
  if (input.consulted.length) front.consulted = input.consulted;
  if (input.tags.length) front.tags = input.tags;
  const section = (title: string, text: string) =>
    `## ${title}\n\n${text.trim() || '_To be completed._'}\n`;
  return [
    `---\n${YAML.stringify(front).trimEnd()}\n---\n`,
    `# ${input.title}\n`,
    section('Context and Problem Statement', input.context),
    section(
      'Considered Options',
      input.options
        .map(option => option.trim())
        .filter(Boolean)
        .map(option => `* ${option}`)
        .join('\n'),
    ),
    section('Decision Outcome', input.decision),
    section('Consequences', input.consequences),
  ].join('\n');
}

/** Splits a GitHub folder URL into what publish:github:pull-request needs. */
export function githubTarget(
  folderUrl: string,
): { repoUrl: string; targetPath: string; ref: string } | undefined {
  const url = new URL(folderUrl);
  const match = /^\/([^/]+)\/([^/]+)\/(?:tree|blob)\/([^/]+)\/?(.*)$/.exec(url.pathname);
  if (!match) return undefined;
  const [, owner, repo, ref, folder] = match;
  return {
    repoUrl: `${url.host}?owner=${encodeURIComponent(owner)}&repo=${encodeURIComponent(repo)}`,
    targetPath: decodeURIComponent(folder),
    ref,
  };
}

function isWithin(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

const singleLine = (value: string) => !/[\r\n]/.test(value);
const SINGLE_LINE = 'must be a single line';

/**
 * `souverain:adr:record`: writes the next-numbered MADR file into an entity's ADR folder.
 * Local folders (file: locations) are written directly when allowed by config; folders in a
 * GitHub repository are prepared in the workspace for a pull request.
 */
export function createRecordDecisionAction(options: {
  catalog: CatalogService;
  reader: UrlReaderService;
  integrations: ScmIntegrationRegistry;
  config: Config;
  /** Re-reads the entity's ADR folder once a record is written locally. */
  adrIndex: Pick<AdrIndexService, 'refresh'>;
}) {
  const { catalog, reader, integrations, config, adrIndex } = options;

  return createTemplateAction({
    id: 'souverain:adr:record',
    description:
      "Writes the next-numbered MADR decision record into an entity's ADR folder (backstage.io/adr-location)",
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z => z.string().max(255).describe('The component, system or domain the decision belongs to'),
        title: z =>
          z
            .string()
            .trim()
            .min(5, 'must be at least 5 characters')
            .max(150, 'must be at most 150 characters')
            .refine(singleLine, SINGLE_LINE)
            .describe('Short title, e.g. "Use PostgreSQL for the ledger"'),
        status: z => z.enum(['proposed', 'accepted']).default('proposed'),
        date: z =>
          z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be written YYYY-MM-DD')
            .optional(),
        context: z => z.string().max(20_000).default(''),
        options: z => z.array(z.string().trim().max(300).refine(singleLine, SINGLE_LINE)).max(20).default([]),
        decision: z => z.string().max(20_000).default(''),
        consequences: z => z.string().max(20_000).default(''),
        deciders: z => z.array(z.string().trim().max(100).refine(singleLine, SINGLE_LINE)).max(20).default([]),
        consulted: z => z.array(z.string().trim().max(100).refine(singleLine, SINGLE_LINE)).max(20).default([]),
        tags: z =>
          z
            .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'tags are lowercase words or kebab-case'))
            .max(10)
            .default([]),
      },
      output: {
        mode: z => z.enum(['local', 'pull-request']),
        number: z => z.number(),
        fileName: z => z.string(),
        recordId: z => z.string(),
        viewUrl: z => z.string(),
        repoUrl: z => z.string().optional(),
        targetPath: z => z.string().optional(),
        sourcePath: z => z.string().optional(),
        branchName: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const entity = await catalog.getEntityByRef(input.entityRef, { credentials });
      if (!entity) {
        throw new NotFoundError(`No entity ${input.entityRef} in the catalog`);
      }
      if (!ADR_ENTITY_KINDS.includes(entity.kind)) {
        throw new InputError(
          `${input.entityRef} is a ${entity.kind}; decisions are recorded on components, systems and domains`,
        );
      }
      const folderUrl = resolveAdrFolderUrl(entity, integrations);

      // The next number: one more than the highest in the folder
      let numbers: Array<{ number: number; width: number }> = [];
      try {
        const tree = await reader.readTree(folderUrl, { filter: p => isAdrFileName(p) });
        numbers = (await tree.files())
          .map(file => file.path.split('/').pop()!)
          .map(name => ({
            number: adrNumberFromFileName(name) ?? 0,
            width: /^(?:adr[-_ ]?)?(\d+)/i.exec(name)?.[1].length ?? 4,
          }));
      } catch (error) {
        if (!(isError(error) && error.name === 'NotFoundError')) throw error;
      }
      const highest = numbers.reduce((max, n) => Math.max(max, n.number), 0);
      const width = Math.max(4, ...numbers.map(n => n.width));
      const number = highest + 1;
      const fileName = `${String(number).padStart(width, '0')}-${slugify(input.title)}.md`;
      const content = renderDecisionRecord({
        ...input,
        date: input.date ?? new Date().toISOString().slice(0, 10),
      });
      const check = parseAdr(content, { path: fileName });
      const errors = check.problems.filter(p => p.severity === 'error');
      if (errors.length > 0) {
        throw new InputError(`The record would not parse: ${errors[0].message}`);
      }
      const recordId = adrRecordId(`${entity.kind.toLocaleLowerCase('en-US')}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`, fileName);
      ctx.output('number', number);
      ctx.output('fileName', fileName);
      ctx.output('recordId', recordId);
      ctx.output('viewUrl', `/decisions/${recordId}`);

      if (folderUrl.startsWith('file:')) {
        ctx.output('mode', 'local');
        if (!config.getOptionalBoolean(LOCAL_WRITE_CONFIG)) {
          throw new NotAllowedError(
            `Writing decisions into local folders is switched off (${LOCAL_WRITE_CONFIG})`,
          );
        }
        const folder = path.resolve(fileURLToPath(folderUrl));
        const roots = await Promise.all(
          (config.getOptionalStringArray('souverain.localFiles.roots') ?? []).map(root =>
            fs.realpath(path.resolve(root)).catch(() => path.resolve(root)),
          ),
        );
        const realFolder = await fs.realpath(folder).catch(() => folder);
        if (!roots.some(root => isWithin(root, realFolder))) {
          throw new NotAllowedError(
            `${folder} is outside the local folders this portal may write to (souverain.localFiles.roots)`,
          );
        }
        const target = path.join(realFolder, fileName);
        if (path.dirname(target) !== realFolder) {
          throw new InputError(`Refusing to write ${fileName} outside ${realFolder}`);
        }
        if (ctx.isDryRun) {
          ctx.logger.info(`Dry run: would write ADR-${number} to ${fileName}`);
          return;
        }
        await fs.mkdir(realFolder, { recursive: true });
        try {
          // 'wx': never overwrite a record someone wrote in the meantime
          await fs.writeFile(target, content, { flag: 'wx', encoding: 'utf8' });
        } catch (error) {
          if (isError(error) && (error as NodeJS.ErrnoException).code === 'EEXIST') {
            throw new ConflictError(
              `${fileName} appeared while this record was written; run the template again`,
            );
          }
          throw error;
        }
        ctx.logger.info(`Wrote ADR-${number} "${input.title}" to ${fileName}`);
        await refreshDecisionIndex(adrIndex, ctx.logger, input.entityRef, 'the new record');
        return;
      }

      const github = githubTarget(folderUrl);
      if (!github) {
        throw new InputError(
          `Pull requests are prepared for GitHub repositories; ${folderUrl} is not one`,
        );
      }
      ctx.output('mode', 'pull-request');
      const sourcePath = 'decision-record';
      const file = resolveSafeChildPath(ctx.workspacePath, `${sourcePath}/${fileName}`);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, content, 'utf8');
      ctx.output('repoUrl', github.repoUrl);
      ctx.output('targetPath', github.targetPath);
      ctx.output('sourcePath', sourcePath);
      ctx.output('branchName', `adr/${fileName.replace(/\.md$/, '')}`);
      ctx.logger.info(
        `Prepared ADR-${number} "${input.title}" for a pull request to ${github.repoUrl} (${github.targetPath})`,
      );
    },
  });
}
