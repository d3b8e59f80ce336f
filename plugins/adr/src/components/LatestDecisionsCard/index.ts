export { LatestDecisionsCard } from './LatestDecisionsCard';
