import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import VpnKeyIcon from '@mui/icons-material/VpnKey';
import { accessPage, conciergeApi, entityAccessCard } from './extensions';
import { rootRouteRef } from './routes';

/** The concierge: time-bound, approved and audited access to privileged resources. */
export const conciergePlugin = createFrontendPlugin({
  pluginId: 'concierge',
  title: 'Access',
  icon: <VpnKeyIcon fontSize="inherit" />,
  extensions: [conciergeApi, accessPage, entityAccessCard],
  routes: { root: rootRouteRef },
});
