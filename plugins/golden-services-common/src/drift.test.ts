import { Entity } from '@backstage/catalog-model';
import { computeTemplateDrift, readTemplateChangelog, toGoldenTemplate } from './drift';

function template(
  name: string,
  version: string | undefined,
  changelog?: unknown,
  extra: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name,
      namespace: 'default',
      ...(version === undefined
        ? {}
        : { annotations: { 'souverain.io/template-version': version } }),
      ...extra,
    },
    spec: { type: 'service', ...(changelog === undefined ? {} : { changelog }) },
  };
}

function component(
  name: string,
  stamp: string | undefined,
  version?: string,
  spec: Record<string, unknown> = { owner: 'payments-team', system: 'payments' },
): Entity {
  const annotations: Record<string, string> = {};
  if (stamp !== undefined) annotations['souverain.io/template'] = stamp;
  if (version !== undefined) annotations['souverain.io/template-version'] = version;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', ...spec },
  };
}

const apiChangelog = [
  { version: '1.2.0', date: '2026-03-02', changes: ['Readiness probe checks the database pool'] },
  { version: '1.1.0', date: '2026-01-20', changes: ['CycloneDX SBOM in gate 1', 'Signed images'] },
  { version: '1.0.0', date: '2025-11-04', changes: ['First release'] },
];

const apiTemplate = template('golden-api-service', '1.2.0', apiChangelog, {
  title: 'Golden API service',
});

describe('computeTemplateDrift', () => {
  it('tells current, behind (with the changes missed), ahead and unknown services apart', () => {
    const report = computeTemplateDrift(
      [apiTemplate],
      [
        component('payments-api', 'golden-api-service', '1.0.0'),
        component('ledger-service', 'golden-api-service', '1.2.0'),
        component('identity-api', 'golden-api-service', '1.1.0'),
        component('future-api', 'golden-api-service', '2.0.0'),
        component('odd-api', 'golden-api-service', 'latest'),
        component('unstamped-version', 'golden-api-service'),
        component('legacy', 'golden-legacy-service', '0.3.0'),
        component('not-golden', undefined),
      ],
    );

    expect(report.serviceCount).toBe(7);
    expect(report.templates).toHaveLength(1);
    const [api] = report.templates;
    expect(api.template).toMatchObject({
      entityRef: 'template:default/golden-api-service',
      title: 'Golden API service',
      currentVersion: '1.2.0',
    });
    expect(api.behindCount).toBe(2);
    const byName = Object.fromEntries(api.services.map(s => [s.name, s]));

    expect(byName['payments-api']).toMatchObject({
      entityRef: 'component:default/payments-api',
      owner: 'group:default/payments-team',
      system: 'system:default/payments',
      version: '1.0.0',
      currentVersion: '1.2.0',
      status: 'behind',
      versionsBehind: 2,
    });
    expect(byName['payments-api'].missingChanges.map(e => e.version)).toEqual(['1.2.0', '1.1.0']);
    expect(byName['payments-api'].missingChanges[1]).toEqual(apiChangelog[1]);

    expect(byName['identity-api']).toMatchObject({ status: 'behind', versionsBehind: 1 });
    expect(byName['identity-api'].missingChanges.map(e => e.version)).toEqual(['1.2.0']);

    expect(byName['ledger-service']).toMatchObject({ status: 'current', missingChanges: [] });
    expect(byName['ledger-service'].versionsBehind).toBeUndefined();
    expect(byName['future-api'].status).toBe('ahead');
    expect(byName['odd-api'].status).toBe('unknown-version');
    expect(byName['unstamped-version'].status).toBe('unknown-version');

    // Most behind first, then by name
    expect(api.services.map(s => s.name)).toEqual([
      'payments-api',
      'identity-api',
      'future-api',
      'ledger-service',
      'odd-api',
      'unstamped-version',
    ]);

    expect(report.unknownTemplateServices).toEqual([
      expect.objectContaining({
        name: 'legacy',
        template: 'golden-legacy-service',
        status: 'unknown-template',
        templateRef: undefined,
        missingChanges: [],
      }),
    ]);
  });

  it('lists templates no service was created from, by title', () => {
    const report = computeTemplateDrift(
      [template('golden-ml-service', '1.1.0', [], { title: 'Golden ML service' }), apiTemplate],
      [],
    );
    expect(report.serviceCount).toBe(0);
    expect(report.templates.map(t => [t.template.title, t.services.length, t.behindCount])).toEqual(
      [
        ['Golden API service', 0, 0],
        ['Golden ML service', 0, 0],
      ],
    );
  });

  it('accepts a full template entity ref as the stamp, and a leading v in versions', () => {
    const report = computeTemplateDrift(
      [template('golden-api-service', 'v1.2.0', apiChangelog)],
      [component('payments-api', 'template:default/golden-api-service', 'v1.1.0')],
    );
    expect(report.templates[0].services[0]).toMatchObject({
      status: 'behind',
      versionsBehind: 1,
      currentVersion: '1.2.0',
    });
  });

  it('counts a service behind even when the changelog misses the releases in between', () => {
    const report = computeTemplateDrift(
      [template('golden-api-service', '1.3.0', undefined)],
      [component('payments-api', 'golden-api-service', '1.0.0')],
    );
    expect(report.templates[0].services[0]).toMatchObject({
      status: 'behind',
      versionsBehind: 1,
      missingChanges: [],
    });
  });

  it('reports every service of a template without a usable version as unknown-version', () => {
    const report = computeTemplateDrift(
      [template('golden-api-service', 'one point two', apiChangelog)],
      [component('payments-api', 'golden-api-service', '1.0.0')],
    );
    expect(report.templates[0].template.currentVersion).toBeUndefined();
    expect(report.templates[0].template.currentVersionRaw).toBe('one point two');
    expect(report.templates[0].services[0].status).toBe('unknown-version');
  });

  it('copes with components without spec, owner or a parseable system', () => {
    const bare: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'bare', annotations: { 'souverain.io/template': 'golden-api-service' } },
    };
    const odd = component('odd', 'golden-api-service', '1.2.0', { owner: 42, system: ':' });
    const report = computeTemplateDrift([apiTemplate], [bare, odd]);
    const services = report.templates[0].services;
    expect(services.map(s => [s.name, s.owner, s.system])).toEqual([
      ['bare', undefined, undefined],
      ['odd', undefined, undefined],
    ]);
  });
});

describe('readTemplateChangelog', () => {
  it('returns nothing for a missing or malformed changelog', () => {
    expect(readTemplateChangelog(template('t', '1.0.0'))).toEqual([]);
    expect(readTemplateChangelog(template('t', '1.0.0', 'not a list'))).toEqual([]);
    expect(readTemplateChangelog(template('t', '1.0.0', { '1.0.0': ['x'] }))).toEqual([]);
    expect(readTemplateChangelog({ ...template('t', '1.0.0'), spec: undefined })).toEqual([]);
  });

  it('keeps valid entries only, newest first, one per version', () => {
    const changelog = readTemplateChangelog(
      template('t', '1.10.0', [
        null,
        'a string',
        ['an', 'array'],
        { changes: ['no version'] },
        { version: 'next', changes: ['not semver'] },
        { version: '1.2.0', changes: ['Two'] },
        { version: '1.10.0', date: '2026-04-01', changes: ['Ten', 7, '', null, '  Trimmed  '] },
        { version: 1.9, changes: 'Not semver as a number either' },
        { version: '1.2.0', changes: ['Duplicate, ignored'] },
        { version: '1.3.0', date: 20260101, changes: 'A single change' },
        { version: '1.4.0' },
      ]),
    );
    expect(changelog).toEqual([
      { version: '1.10.0', date: '2026-04-01', changes: ['Ten', 'Trimmed'] },
      { version: '1.4.0', changes: [] },
      { version: '1.3.0', changes: ['A single change'] },
      { version: '1.2.0', changes: ['Two'] },
    ]);
  });
});

describe('toGoldenTemplate', () => {
  it('falls back to the name for the title', () => {
    expect(toGoldenTemplate(template('golden-ml-service', '1.1.0'))).toEqual({
      entityRef: 'template:default/golden-ml-service',
      name: 'golden-ml-service',
      namespace: 'default',
      title: 'golden-ml-service',
      description: undefined,
      currentVersion: '1.1.0',
      currentVersionRaw: '1.1.0',
      changelog: [],
    });
  });
});
