import { createApiRef } from '@backstage/frontend-plugin-api';
import { ConciergeApi } from '@souverain/plugin-concierge-common';

/** The concierge's backend, as the frontend sees it. */
export const conciergeApiRef = createApiRef<ConciergeApi>().with({
  id: 'plugin.concierge.service',
  pluginId: 'concierge',
});
