export { DecisionsTable } from './DecisionsTable';
export type { DecisionsTableProps } from './DecisionsTable';
