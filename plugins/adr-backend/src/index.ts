/**
 * Backend of the Souverain decision browser: the ADR index and its API at /api/adr.
 *
 * Other backend packages reach it through `@souverain/plugin-adr-node` (the decision index as a
 * service) or `@souverain/plugin-adr-common` (the client); search collation lives in
 * `@souverain/plugin-search-backend-module-adr`.
 *
 * @packageDocumentation
 */
export { adrPlugin as default } from './plugin';
