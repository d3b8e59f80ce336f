import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { homePlugin } from './modules/home';
import { signInModule } from './modules/signIn';

/**
 * The Souverain portal. Plugins listed in this package's dependencies are
 * discovered through `app.packages: all`; the modules here are the portal's
 * own shell: sidebar, landing page and sign-in.
 */
export default createApp({
  features: [catalogPlugin, navModule, homePlugin, signInModule],
});
