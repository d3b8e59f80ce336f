export { EntityDecisionsContent, newDecisionUrl } from './EntityDecisionsContent';
export { ProblemsPanel } from './ProblemsPanel';
