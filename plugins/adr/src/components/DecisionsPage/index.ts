export { DecisionsPage } from './DecisionsPage';
