import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import GavelIcon from '@mui/icons-material/Gavel';
import {
  adrApi,
  adrSearchResultItem,
  decisionsPage,
  entityDecisionsContent,
  latestDecisionsCard,
} from './extensions';
import { recordRouteRef, rootRouteRef } from './routes';

/** The decision browser. */
export const adrPlugin = createFrontendPlugin({
  pluginId: 'adr',
  title: 'Decisions',
  icon: <GavelIcon fontSize="inherit" />,
  extensions: [
    adrApi,
    decisionsPage,
    entityDecisionsContent,
    latestDecisionsCard,
    adrSearchResultItem,
  ],
  routes: { root: rootRouteRef, record: recordRouteRef },
});
