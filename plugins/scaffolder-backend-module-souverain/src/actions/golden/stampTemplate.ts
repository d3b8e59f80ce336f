import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  TEMPLATE_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
} from '@souverain/plugin-golden-services-common';
import fs from 'node:fs/promises';
import YAML from 'yaml';
import { resolveInWorkspace } from './workspace';

/**
 * Adds `souverain.io/template` and `souverain.io/template-version` to every Component in a
 * catalog-info file, keeping the rest of the file (comments, order) as written.
 */
export function stampCatalogInfo(source: string, template: string, version: string): {
  content: string;
  stamped: string[];
} {
  const documents = YAML.parseAllDocuments(source);
  const stamped: string[] = [];
  for (const document of documents) {
    if (document.errors.length > 0) {
      throw new InputError(`catalog-info is not valid YAML: ${document.errors[0].message}`);
    }
    const entity = document.toJS();
    if (!entity || typeof entity !== 'object' || entity.kind !== 'Component') continue;
    document.setIn(['metadata', 'annotations', TEMPLATE_ANNOTATION], template);
    document.setIn(['metadata', 'annotations', TEMPLATE_VERSION_ANNOTATION], version);
    stamped.push(String(entity.metadata?.name));
  }
  if (stamped.length === 0) {
    throw new InputError('catalog-info holds no Component to stamp');
  }
  return {
    content: documents.map(document => document.toString()).join(''),
    stamped,
  };
}

/**
 * `souverain:template:stamp`: records in the new service's catalog-info.yaml which golden
 * template, and which version of it, the service was created from (for the drift view).
 */
export function createStampTemplateAction() {
  return createTemplateAction({
    id: 'souverain:template:stamp',
    description:
      "Stamps souverain.io/template and souverain.io/template-version (from the running template) on the Components of a catalog-info file in the workspace",
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .max(255)
            .default('catalog-info.yaml')
            .describe('The catalog-info file, relative to the workspace'),
      },
      output: {
        template: z => z.string(),
        version: z => z.string(),
      },
    },
    async handler(ctx) {
      const metadata = ctx.templateInfo?.entity?.metadata;
      const version = metadata?.annotations?.[TEMPLATE_VERSION_ANNOTATION];
      if (!metadata?.name || !version) {
        throw new InputError(
          `The running template has no ${TEMPLATE_VERSION_ANNOTATION} annotation to stamp`,
        );
      }
      const relativePath = ctx.input.path ?? 'catalog-info.yaml';
      const file = await resolveInWorkspace(ctx.workspacePath, relativePath);
      const stat = await fs.lstat(file).catch(() => undefined);
      if (!stat?.isFile()) {
        throw new InputError(`${relativePath} is not a file in the workspace`);
      }
      const { content, stamped } = stampCatalogInfo(
        await fs.readFile(file, 'utf8'),
        metadata.name,
        version,
      );
      await fs.writeFile(file, content, 'utf8');
      ctx.logger.info(`Stamped ${stamped.join(', ')} with ${metadata.name} ${version}`);
      ctx.output('template', metadata.name);
      ctx.output('version', version);
    },
  });
}
