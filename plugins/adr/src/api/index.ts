export { adrApiRef } from './AdrApiRef';
export { AdrClient } from '@souverain/plugin-adr-common';
export type { AdrApi } from '@souverain/plugin-adr-common';
