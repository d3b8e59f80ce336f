import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SouverainSidebar } from './Sidebar';

/** The portal's sidebar, installed into the app plugin. */
export const navModule = createFrontendModule({
  pluginId: 'app',
  extensions: [SouverainSidebar],
});
