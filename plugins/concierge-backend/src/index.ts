/**
 * The Souverain concierge backend: time-bound access requests with approval, short-lived
 * credentials from pluggable providers and a hash-chained audit log.
 *
 * @packageDocumentation
 */
export { conciergePlugin as default } from './plugin';

// For the benchmarks in bench/ and the souverain-concierge-audit command only: they drive the
// store without a running backend. Plugins never create the concierge's store; it owns it.
export { DatabaseConciergeStore } from './database/DatabaseConciergeStore';
export type {
  AuditInput,
  ConciergeStore,
  CreateResult,
  DecisionRecord,
  RequestFilter,
  RequestMutation,
  RequestRecord,
} from './database/ConciergeStore';
export {
  openDatabase as openConciergeDatabase,
  storeFor as conciergeStoreFor,
} from './cli/auditCli';
