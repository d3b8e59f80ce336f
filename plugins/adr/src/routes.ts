import { createRouteRef, createSubRouteRef } from '@backstage/frontend-plugin-api';

/** The Decisions page, mounted at `/decisions`. */
export const rootRouteRef = createRouteRef();

/** One decision record, at `/decisions/:id`. */
export const recordRouteRef = createSubRouteRef({ parent: rootRouteRef, path: '/:id' });
