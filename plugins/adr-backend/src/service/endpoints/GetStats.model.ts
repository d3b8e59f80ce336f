import { AdrIndexProblem, AdrStats } from '@souverain/plugin-adr-common';
import { AdrStore } from '../../database/AdrStore';
import { normalizeEntityRef } from '../entityRefs';

/** Counts over the index, and the problems the indexer found, for one entity or all. */
export interface GetStatsModel {
  getStats(query: { entityRef?: string }): Promise<AdrStats>;
  listProblems(query: {
    entityRef?: string;
  }): Promise<{ items: AdrIndexProblem[] }>;
}

/** {@link GetStatsModel} over the decision index. */
export class GetStatsModelImpl implements GetStatsModel {
  constructor(private readonly store: AdrStore) {}

  getStats(query: { entityRef?: string }): Promise<AdrStats> {
    return this.store.stats(scope(query));
  }

  async listProblems(query: {
    entityRef?: string;
  }): Promise<{ items: AdrIndexProblem[] }> {
    return { items: await this.store.problems(scope(query)) };
  }
}

function scope(query: { entityRef?: string }) {
  return {
    entityRef:
      query.entityRef &&
      normalizeEntityRef(query.entityRef, 'request/query/entityRef'),
  };
}
