export type {
  AdrApiPaths,
  AdrApiComponents,
  AdrApiOperations,
} from './generated/types';
export { createAdrApiFetchClient } from './generated/client';
export type { AdrApiFetchClient } from './generated/client';
