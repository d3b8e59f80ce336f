import { Entity } from '@backstage/catalog-model';

/** A golden Template entity with a version annotation and a changelog. */
export function goldenTemplate(
  name: string,
  title: string,
  version: string,
  changelog: NonNullable<Entity['spec']>[string],
): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name,
      namespace: 'default',
      title,
      description: `${title}, tested and gate-ready`,
      annotations: { 'souverain.io/template-version': version },
    },
    spec: { type: 'service', owner: 'platform-team', parameters: [], steps: [], changelog },
  };
}

/** A Component stamped with the golden template (and version) it was created from. */
export function goldenComponent(
  name: string,
  template: string,
  version: string | undefined,
  owner = 'payments-team',
  system = 'payments',
): Entity {
  const annotations: Record<string, string> = { 'souverain.io/template': template };
  if (version) annotations['souverain.io/template-version'] = version;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner, system },
  };
}

export const apiTemplate = goldenTemplate('golden-api-service', 'Golden API service', '1.2.0', [
  {
    version: '1.2.0',
    date: '2026-03-02',
    changes: ['Readiness endpoint checks the database pool', 'Node 22 base image'],
  },
  {
    version: '1.1.0',
    date: '2026-01-20',
    changes: ['CycloneDX SBOM and image signature in gate 1'],
  },
  { version: '1.0.0', date: '2025-11-04', changes: ['First release'] },
]);

export const mlTemplate = goldenTemplate('golden-ml-service', 'Golden ML service', '1.1.0', [
  { version: '1.1.0', changes: ['Drift monitor thresholds in the model card'] },
  { version: '1.0.0', changes: ['First release'] },
]);

/** A component that is not a golden service, and a Template that is not a golden one. */
export const unrelated: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'design-system', namespace: 'default' },
    spec: { type: 'library', lifecycle: 'production', owner: 'web-team' },
  },
  {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'new-decision-record', namespace: 'default', title: 'New decision record' },
    spec: { type: 'documentation', parameters: [], steps: [] },
  },
];

/** The demo catalog's golden services, and one whose template is gone. */
export const catalogEntities: Entity[] = [
  apiTemplate,
  mlTemplate,
  goldenComponent('payments-api', 'golden-api-service', '1.0.0'),
  goldenComponent('ledger-service', 'golden-api-service', '1.2.0', 'ledger-team', 'ledger'),
  goldenComponent('identity-api', 'golden-api-service', '1.1.0', 'identity-team', 'identity'),
  goldenComponent('fraud-detector', 'golden-ml-service', '1.1.0', 'fraud-ml-team', 'fraud'),
  goldenComponent('old-batch', 'golden-batch-service', '0.9.0', 'platform-team', 'platform'),
  ...unrelated,
];
