import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  discoveryApiRef,
  ExtensionDefinition,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import VpnKeyIcon from '@mui/icons-material/VpnKey';
import { conciergeApiRef, createConciergeClient } from './api';
import { rootRouteRef } from './routes';

/** Provides {@link conciergeApiRef} over HTTP through Backstage's discovery and fetch APIs. */
export const conciergeApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: conciergeApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => createConciergeClient({ discoveryApi, fetchApi }),
    }),
});

/** Resources are what the concierge grants access to. */
export function isResourceEntity(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'resource';
}

/**
 * `/access`: my requests, the approvals inbox and the audit log. Its title and icon make the
 * sidebar's nav item.
 */
export const accessPage = PageBlueprint.make({
  params: {
    path: '/access',
    title: 'Access',
    icon: <VpnKeyIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () => import('./components/AccessPage').then(m => <m.AccessPage />),
  },
});

/** The "Access" card of a Resource: who holds access now, and "Request access". */
export const entityAccessCard: ExtensionDefinition = EntityCardBlueprint.make({
  name: 'access',
  params: {
    filter: isResourceEntity,
    loader: () => import('./components/EntityAccessCard').then(m => <m.EntityAccessCard />),
  },
});
