/**
 * The Souverain concierge: "Request access" on Resources, the Access page (my requests, the
 * approvals inbox, the audit log) and the card of active grants on a Resource.
 *
 * @packageDocumentation
 */
export { conciergePlugin as default, conciergePlugin } from './plugin';
export { accessPage, conciergeApi, entityAccessCard, isResourceEntity } from './extensions';
export {
  conciergeApiRef,
  createConciergeClient,
  loadActingUser,
  saveActingUser,
  ACTING_USER_STORAGE_KEY,
} from './api';
export { rootRouteRef } from './routes';
export { AccessPage } from './components/AccessPage';
export { EntityAccessCard } from './components/EntityAccessCard';
export { RequestAccessDialog } from './components/RequestAccessDialog';
export type { RequestAccessDialogProps } from './components/RequestAccessDialog';
export { RequestOutcomeAlert, describeRequestOutcome } from './components/RequestOutcomeAlert';
export type { RequestOutcomeAlertProps } from './components/RequestOutcomeAlert';
export { StateChip, STATE_COLORS } from './components/StateChip';
export type { StateChipProps } from './components/StateChip';
export { TimeLeft } from './components/TimeLeft';
export type { TimeLeftProps } from './components/TimeLeft';
