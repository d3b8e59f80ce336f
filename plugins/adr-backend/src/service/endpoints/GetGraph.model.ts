import { InputError, NotFoundError } from '@backstage/errors';
import { AdrGraph } from '@souverain/plugin-adr-common';
import { AdrStore } from '../../database/AdrStore';
import { normalizeEntityRef } from '../entityRefs';

/** Reads the supersedes graph around a record or over an entity's records. */
export interface GetGraphModel {
  getGraph(query: { id?: string; entityRef?: string }): Promise<AdrGraph>;
}

/** {@link GetGraphModel} over the decision index. */
export class GetGraphModelImpl implements GetGraphModel {
  constructor(private readonly store: AdrStore) {}

  async getGraph(query: {
    id?: string;
    entityRef?: string;
  }): Promise<AdrGraph> {
    if (Boolean(query.id) === Boolean(query.entityRef)) {
      throw new InputError(
        'request/query must give exactly one of "id" or "entityRef"',
      );
    }
    if (query.id && !(await this.store.get(query.id))) {
      throw new NotFoundError(`No decision record ${query.id}`);
    }
    return this.store.graph({
      id: query.id,
      entityRef:
        query.entityRef &&
        normalizeEntityRef(query.entityRef, 'request/query/entityRef'),
    });
  }
}
