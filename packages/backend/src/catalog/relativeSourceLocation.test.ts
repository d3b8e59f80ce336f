import { Entity } from '@backstage/catalog-model';
import { RelativeSourceLocationProcessor } from './relativeSourceLocation';

const component = (sourceLocation?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'souverain-adr',
    annotations: sourceLocation ? { 'backstage.io/source-location': sourceLocation } : {},
  },
  spec: { type: 'library', lifecycle: 'production', owner: 'group:platform-team' },
});

async function sourceLocationOf(entity: Entity, location: { type: string; target: string }) {
  const processed = await new RelativeSourceLocationProcessor().preProcessEntity(entity, location);
  return processed.metadata.annotations?.['backstage.io/source-location'];
}

describe('RelativeSourceLocationProcessor', () => {
  it('points a relative source location at the folder beside the file that declares it', async () => {
    const local = { type: 'url', target: 'file:///srv/souverain/catalog-info.yaml' };
    expect(await sourceLocationOf(component('url:./plugins/adr/'), local)).toBe(
      'url:file:///srv/souverain/plugins/adr/',
    );
    const github = {
      type: 'url',
      target: 'https://github.com/acme/souverain/blob/main/docs/catalog-info.yaml',
    };
    expect(await sourceLocationOf(component('url:../packages/app/'), github)).toBe(
      'url:https://github.com/acme/souverain/blob/main/packages/app/',
    );
  });

  it('leaves absolute and missing source locations, and file locations, as they are', async () => {
    const url = { type: 'url', target: 'file:///srv/souverain/catalog-info.yaml' };
    const absolute = 'url:https://github.com/acme/souverain/tree/main/plugins/adr/';
    expect(await sourceLocationOf(component(absolute), url)).toBe(absolute);
    expect(await sourceLocationOf(component(), url)).toBeUndefined();
    const file = { type: 'file', target: '/srv/souverain/catalog-info.yaml' };
    expect(await sourceLocationOf(component('url:./plugins/adr/'), file)).toBe('url:./plugins/adr/');
  });
});
