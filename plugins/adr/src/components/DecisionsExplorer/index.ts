export { DecisionsExplorer } from './DecisionsExplorer';
export type { DecisionsExplorerProps } from './DecisionsExplorer';
