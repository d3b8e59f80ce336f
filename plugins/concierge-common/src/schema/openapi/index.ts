export type {
  ConciergeApiPaths,
  ConciergeApiComponents,
  ConciergeApiOperations,
} from './generated/types';
export { createConciergeApiFetchClient } from './generated/client';
export type { ConciergeApiFetchClient } from './generated/client';
