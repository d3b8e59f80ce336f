import {
  ApiBlueprint,
  createApiRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { AdrApi, AdrClient } from '@souverain/plugin-adr-common';

/** The decision browser's backend, as the frontend sees it. */
export const adrApiRef = createApiRef<AdrApi>().with({
  id: 'plugin.adr.service',
  pluginId: 'adr',
});

/** Provides {@link adrApiRef} over HTTP through Backstage's discovery and fetch APIs. */
export const adrApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: adrApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new AdrClient({ discoveryApi, fetchApi }),
    }),
});
