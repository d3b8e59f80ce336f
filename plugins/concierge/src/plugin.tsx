import { Entity } from '@backstage/catalog-model';
import {
  createFrontendPlugin,
  ExtensionDefinition,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import VpnKeyIcon from '@mui/icons-material/VpnKey';
import { conciergeApi } from './api';
import { rootRouteRef } from './routes';

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

/** The concierge: time-bound, approved and audited access to privileged resources. */
export const conciergePlugin = createFrontendPlugin({
  pluginId: 'concierge',
  title: 'Access',
  icon: <VpnKeyIcon fontSize="inherit" />,
  extensions: [conciergeApi, accessPage, entityAccessCard],
  routes: { root: rootRouteRef },
});
