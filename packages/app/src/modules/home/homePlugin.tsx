import {
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import HomeIcon from '@material-ui/icons/Home';

const rootRouteRef = createRouteRef();

const homePage = PageBlueprint.make({
  params: {
    path: '/',
    title: 'Home',
    icon: <HomeIcon />,
    routeRef: rootRouteRef,
    // The page draws its own header with the portal's name.
    noHeader: true,
    loader: () => import('./HomePage').then(m => <m.HomePage />),
  },
});

/** The portal's landing page at `/`. */
export const homePlugin = createFrontendPlugin({
  pluginId: 'souverain-home',
  extensions: [homePage],
  routes: { root: rootRouteRef },
});
