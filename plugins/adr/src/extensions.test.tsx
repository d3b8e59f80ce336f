import { Entity } from '@backstage/catalog-model';
import { hasDecisions } from './extensions';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'backstage.io/adr-location': '../adr/payments-api' },
  },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};

describe('hasDecisions', () => {
  it('accepts components, systems and domains with an ADR folder only', () => {
    expect(hasDecisions(entity)).toBe(true);
    expect(hasDecisions({ ...entity, kind: 'System' })).toBe(true);
    expect(hasDecisions({ ...entity, kind: 'API' })).toBe(false);
    expect(hasDecisions({ ...entity, metadata: { name: 'x' } })).toBe(false);
  });
});
