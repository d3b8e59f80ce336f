import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Golden services page, mounted at `/golden-services`. */
export const rootRouteRef = createRouteRef();
