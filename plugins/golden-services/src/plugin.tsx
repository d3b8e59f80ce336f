import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import AutoAwesomeIcon from '@mui/icons-material/AutoAwesome';
import {
  goldenServicesApi,
  goldenServicesPage,
  goldenTemplateCard,
  serviceNameFormFieldExtension,
} from './extensions';
import { rootRouteRef } from './routes';

/** Golden services: drift page, entity card and the service-name form field. */
export const goldenServicesPlugin = createFrontendPlugin({
  pluginId: 'golden-services',
  title: 'Golden services',
  icon: <AutoAwesomeIcon fontSize="inherit" />,
  extensions: [
    goldenServicesApi,
    goldenServicesPage,
    goldenTemplateCard,
    serviceNameFormFieldExtension,
  ],
  routes: { root: rootRouteRef },
});
