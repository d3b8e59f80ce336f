/**
 * The Souverain decision browser: the Decisions page, the record view, and an entity tab and
 * card listing an entity's architecture decision records.
 *
 * @packageDocumentation
 */
export { adrPlugin as default, adrPlugin } from './plugin';
export {
  decisionsPage,
  entityDecisionsContent,
  latestDecisionsCard,
  adrApi,
  hasDecisions,
} from './extensions';
export { adrApiRef } from './api';
export { rootRouteRef, recordRouteRef } from './routes';
export { StatusChip, STATUS_COLORS } from './components/StatusChip';
export type { StatusChipProps } from './components/StatusChip';
export { DecisionsTable } from './components/DecisionsTable';
export type { DecisionsTableProps } from './components/DecisionsTable';
export { DecisionsExplorer } from './components/DecisionsExplorer';
export type { DecisionsExplorerProps } from './components/DecisionsExplorer';
export { DecisionsPage } from './components/DecisionsPage';
export { RecordView } from './components/RecordPage';
export { AdrMarkdown } from './components/AdrMarkdown';
export type { AdrMarkdownProps } from './components/AdrMarkdown';
export { SupersedesChain } from './components/SupersedesChain';
export { EntityDecisionsContent } from './components/EntityDecisionsContent';
export { LatestDecisionsCard } from './components/LatestDecisionsCard';
export { formatAdrNumber } from './lib/format';
export type { LinkContext } from './lib/links';
