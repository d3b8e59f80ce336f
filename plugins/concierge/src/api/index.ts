export { conciergeApiRef } from './ConciergeApiRef';
export {
  ACTING_USER_STORAGE_KEY,
  createConciergeClient,
  loadActingUser,
  saveActingUser,
} from './actingUser';
export { ConciergeClient } from '@souverain/plugin-concierge-common';
export type { ConciergeApi } from '@souverain/plugin-concierge-common';
