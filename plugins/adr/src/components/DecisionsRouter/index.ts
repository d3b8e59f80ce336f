export { DecisionsRouter } from './DecisionsRouter';
