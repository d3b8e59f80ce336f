import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Access page, mounted at `/access`. */
export const rootRouteRef = createRouteRef();
