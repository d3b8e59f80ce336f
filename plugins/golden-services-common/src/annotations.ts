/** On a Component: the golden template it was created from (the template's `metadata.name`). */
export const TEMPLATE_ANNOTATION = 'souverain.io/template';

/**
 * On a Component: the version of that template it was created from. On a Template: the
 * template's current version (semantic versioning).
 */
export const TEMPLATE_VERSION_ANNOTATION = 'souverain.io/template-version';

/** One version of a golden template, as listed in the Template's `spec.changelog`. */
export interface TemplateChangelogEntry {
  version: string;
  date?: string;
  changes: string[];
}
