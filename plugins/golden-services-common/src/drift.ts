import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { clean, compare, gt, lte } from 'semver';
import {
  TEMPLATE_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
  TemplateChangelogEntry,
} from './annotations';

/**
 * Where a service stands against the golden template it was created from.
 *
 * - `current`: created from (or upgraded to) the template's current version.
 * - `behind`: created from an older version; the changes it misses are listed.
 * - `ahead`: stamped with a version newer than the template's current one.
 * - `unknown-version`: the stamped version, or the template's own, is missing or not semver.
 * - `unknown-template`: no golden template of that name is in the catalog.
 */
export type TemplateDriftStatus =
  | 'current'
  | 'behind'
  | 'ahead'
  | 'unknown-version'
  | 'unknown-template';

/** A golden template as the drift views see it: its current version and its changelog. */
export interface GoldenTemplate {
  /** e.g. `template:default/golden-api-service` */
  entityRef: string;
  name: string;
  namespace: string;
  title: string;
  description?: string;
  /** The template's current version, normalised (`v1.2` is not semver and gives undefined). */
  currentVersion?: string;
  /** The version annotation as written on the Template. */
  currentVersionRaw?: string;
  /** Valid entries only, newest first, one per version. */
  changelog: TemplateChangelogEntry[];
}

/** One service stamped with a golden template, and where it stands against it. */
export interface GoldenServiceDrift {
  /** e.g. `component:default/payments-api` */
  entityRef: string;
  name: string;
  namespace: string;
  title?: string;
  /** Full entity ref of the owner, when the Component names one. */
  owner?: string;
  /** Full entity ref of the system, when the Component names one. */
  system?: string;
  /** The `souverain.io/template` annotation as written. */
  template: string;
  /** The matching template's entity ref, when it is in the catalog. */
  templateRef?: string;
  /** The `souverain.io/template-version` annotation as written. */
  version?: string;
  /** The template's current version, when known. */
  currentVersion?: string;
  status: TemplateDriftStatus;
  /** For `behind`: how many template versions were released since the service's one. */
  versionsBehind?: number;
  /**
   * For `behind`: the changelog entries after the service's version up to and including the
   * current one, newest first. Empty otherwise.
   */
  missingChanges: TemplateChangelogEntry[];
}

/** A golden template with the services created from it. */
export interface GoldenTemplateDrift {
  template: GoldenTemplate;
  /** Most behind first, then by name. */
  services: GoldenServiceDrift[];
  behindCount: number;
}

/** The drift of every stamped service, grouped by golden template. */
export interface TemplateDriftReport {
  /** Every golden template given, by title, including those no service was created from. */
  templates: GoldenTemplateDrift[];
  /** Services whose template is not in the catalog (status `unknown-template`), by name. */
  unknownTemplateServices: GoldenServiceDrift[];
  /** Number of stamped services, all templates included. */
  serviceCount: number;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** The normalised semantic version, or undefined when the value is not one. */
function toSemver(value: unknown): string | undefined {
  if (typeof value === 'number') return toSemver(String(value));
  const text = nonEmptyString(value);
  return text ? clean(text) ?? undefined : undefined;
}

function toChangelogEntry(raw: unknown): TemplateChangelogEntry | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const record = raw as Record<string, unknown>;
  const version = toSemver(record.version);
  if (!version) return undefined;
  const rawChanges = Array.isArray(record.changes) ? record.changes : [record.changes];
  const changes = rawChanges.flatMap(change => {
    const text = nonEmptyString(change);
    return text ? [text] : [];
  });
  const date = nonEmptyString(record.date);
  return date ? { version, date, changes } : { version, changes };
}

/**
 * Reads a Template's `spec.changelog` defensively: entries that are not objects or have no
 * semantic version are dropped, a single `changes` string is taken as a one-item list, and
 * the result is sorted newest first with one entry per version (the first one written wins).
 */
export function readTemplateChangelog(template: Entity): TemplateChangelogEntry[] {
  const raw = (template.spec as Record<string, unknown> | undefined)?.changelog;
  if (!Array.isArray(raw)) return [];
  const byVersion = new Map<string, TemplateChangelogEntry>();
  for (const item of raw) {
    const entry = toChangelogEntry(item);
    if (entry && !byVersion.has(entry.version)) byVersion.set(entry.version, entry);
  }
  return [...byVersion.values()].sort((a, b) => compare(b.version, a.version));
}

/** A Template entity as a {@link GoldenTemplate}. */
export function toGoldenTemplate(template: Entity): GoldenTemplate {
  const namespace = template.metadata.namespace ?? 'default';
  const currentVersionRaw = nonEmptyString(
    template.metadata.annotations?.[TEMPLATE_VERSION_ANNOTATION],
  );
  return {
    entityRef: stringifyEntityRef({ kind: 'template', namespace, name: template.metadata.name }),
    name: template.metadata.name,
    namespace,
    title: nonEmptyString(template.metadata.title) ?? template.metadata.name,
    description: nonEmptyString(template.metadata.description),
    currentVersion: toSemver(currentVersionRaw),
    currentVersionRaw,
    changelog: readTemplateChangelog(template),
  };
}

/** True when the entity is stamped with the golden template it was created from. */
export function isGoldenService(entity: Entity): boolean {
  return Boolean(nonEmptyString(entity.metadata.annotations?.[TEMPLATE_ANNOTATION]));
}

function relatedRef(value: unknown, defaultKind: string, defaultNamespace: string) {
  const text = nonEmptyString(value);
  if (!text) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(text, { defaultKind, defaultNamespace }));
  } catch {
    return undefined;
  }
}

/** The key a template is looked up by: `namespace/name`, lower case. */
function templateKey(namespace: string, name: string) {
  return `${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/**
 * The key of the template a stamp names. A stamp is normally the template's name; a full
 * entity ref (`template:default/x`) is accepted too. A bare name is looked up in `default`,
 * where the templates live, whatever the component's own namespace.
 */
function stampKey(stamp: string): string | undefined {
  try {
    const ref = parseEntityRef(stamp, { defaultKind: 'template', defaultNamespace: 'default' });
    return ref.kind.toLocaleLowerCase('en-US') === 'template'
      ? templateKey(ref.namespace, ref.name)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Where one service stands against its template (undefined when the template is unknown). */
function compareWithTemplate(
  version: string | undefined,
  template: GoldenTemplate | undefined,
): Pick<GoldenServiceDrift, 'status' | 'versionsBehind' | 'missingChanges'> {
  if (!template) return { status: 'unknown-template', missingChanges: [] };
  const stamped = toSemver(version);
  const current = template.currentVersion;
  if (!stamped || !current) return { status: 'unknown-version', missingChanges: [] };
  if (gt(stamped, current)) return { status: 'ahead', missingChanges: [] };
  if (!gt(current, stamped)) return { status: 'current', missingChanges: [] };
  const missingChanges = template.changelog.filter(
    entry => gt(entry.version, stamped) && lte(entry.version, current),
  );
  // A changelog that skips a release still leaves the service at least one version behind.
  return { status: 'behind', versionsBehind: Math.max(1, missingChanges.length), missingChanges };
}

function toServiceDrift(
  component: Entity,
  templatesByKey: Map<string, GoldenTemplate>,
): GoldenServiceDrift {
  const namespace = component.metadata.namespace ?? 'default';
  const annotations = component.metadata.annotations ?? {};
  const stamp = nonEmptyString(annotations[TEMPLATE_ANNOTATION]) ?? '';
  const version = nonEmptyString(annotations[TEMPLATE_VERSION_ANNOTATION]);
  const key = stampKey(stamp);
  const template = key ? templatesByKey.get(key) : undefined;
  const spec = (component.spec ?? {}) as Record<string, unknown>;
  return {
    entityRef: stringifyEntityRef({
      kind: component.kind,
      namespace,
      name: component.metadata.name,
    }),
    name: component.metadata.name,
    namespace,
    title: nonEmptyString(component.metadata.title),
    owner: relatedRef(spec.owner, 'group', namespace),
    system: relatedRef(spec.system, 'system', namespace),
    template: stamp,
    templateRef: template?.entityRef,
    version,
    currentVersion: template?.currentVersion,
    ...compareWithTemplate(version, template),
  };
}

const byName = (a: GoldenServiceDrift, b: GoldenServiceDrift) =>
  a.name.localeCompare(b.name) || a.namespace.localeCompare(b.namespace);

/** Most behind first, then behind the others, then by name. */
const byDriftThenName = (a: GoldenServiceDrift, b: GoldenServiceDrift) =>
  (b.versionsBehind ?? 0) - (a.versionsBehind ?? 0) || byName(a, b);

/**
 * Computes, for each golden template, its current version and changelog and where each
 * service created from it stands: current, behind (by how many versions, and which changes it
 * misses), ahead, or of unknown version. Services naming a template that is not among
 * `templates` are reported apart. Components without the `souverain.io/template` annotation
 * are ignored. The inputs are catalog entities as they come, so nothing in them is trusted.
 */
export function computeTemplateDrift(
  templates: Entity[],
  components: Entity[],
): TemplateDriftReport {
  const templatesByKey = new Map<string, GoldenTemplate>();
  for (const entity of templates) {
    if (entity?.metadata?.name) {
      const template = toGoldenTemplate(entity);
      templatesByKey.set(templateKey(template.namespace, template.name), template);
    }
  }

  const servicesByTemplate = new Map<string, GoldenServiceDrift[]>();
  const unknownTemplateServices: GoldenServiceDrift[] = [];
  let serviceCount = 0;
  for (const component of components) {
    if (!component?.metadata?.name || !isGoldenService(component)) continue;
    const service = toServiceDrift(component, templatesByKey);
    serviceCount += 1;
    if (!service.templateRef) {
      unknownTemplateServices.push(service);
    } else {
      const list = servicesByTemplate.get(service.templateRef) ?? [];
      list.push(service);
      servicesByTemplate.set(service.templateRef, list);
    }
  }

  const report = [...templatesByKey.values()].map(template => {
    const services = (servicesByTemplate.get(template.entityRef) ?? []).sort(byDriftThenName);
    return {
      template,
      services,
      behindCount: services.filter(service => service.status === 'behind').length,
    };
  });
  report.sort(
    (a, b) =>
      a.template.title.localeCompare(b.template.title) ||
      a.template.entityRef.localeCompare(b.template.entityRef),
  );
  return {
    templates: report,
    unknownTemplateServices: unknownTemplateServices.sort(byName),
    serviceCount,
  };
}
