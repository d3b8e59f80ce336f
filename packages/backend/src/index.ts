import { createBackend } from '@backstage/backend-defaults';
import { verifiedTokenHttpAuthServiceFactory } from './auth/VerifiedTokenCache';
import { catalogModuleLocalUrlLocations } from './catalog/localUrlLocations';
import { souverainPermissionPolicy } from './permissions/module';

const backend = createBackend();

// Incoming tokens are verified once and then reused until they expire (at most 60 s by default,
// souverain.auth.verifiedTokenCacheSeconds): signature checks were a sixth of the backend's CPU.
backend.add(verifiedTokenHttpAuthServiceFactory);

// Lets plugins read file: URLs below souverain.localFiles.roots (the demo org in examples/).
backend.add(import('@souverain/backend-module-local-files'));

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
// Logs catalog processing errors (for example a malformed entity file) as warnings.
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Lists entities whose processing failed (with their errors) at /api/catalog/unprocessed.
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));
// The templates, registered as url locations (file: URLs) so their $yaml placeholders resolve.
backend.add(catalogModuleLocalUrlLocations);

backend.add(import('@backstage/plugin-scaffolder-backend'));
// publish:github:pull-request and friends, for templates that target real repositories.
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
// souverain:adr:record (the "New decision record" template).
backend.add(import('@souverain/plugin-scaffolder-backend-module-souverain'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(souverainPermissionPolicy);

backend.add(import('@backstage/plugin-search-backend'));
// On PostgreSQL the pg engine is used; on SQLite search falls back to the in-memory Lunr engine.
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// Decision browser: indexes every ADR folder named by backstage.io/adr-location.
backend.add(import('@souverain/plugin-adr-backend'));
// Decision records in Backstage search (document type adr), read through the decision browser's API.
backend.add(import('@souverain/plugin-search-backend-module-adr'));

// Concierge: time-bound access requests, credentials and the audit log
backend.add(import('@souverain/plugin-concierge-backend'));

// The events bus lets the catalog and signals exchange events (and across replicas on PostgreSQL).
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));

backend.start();
