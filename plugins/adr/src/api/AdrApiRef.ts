import { createApiRef } from '@backstage/frontend-plugin-api';
import { AdrApi } from '@souverain/plugin-adr-common';

/** The decision browser's backend, as the frontend sees it. */
export const adrApiRef = createApiRef<AdrApi>().with({
  id: 'plugin.adr.service',
  pluginId: 'adr',
});
