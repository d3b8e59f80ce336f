import { InputError } from '@backstage/errors';
import { AdrListQuery, AdrListResponse } from '@souverain/plugin-adr-common';
import { AdrStore } from '../../database/AdrStore';
import { normalizeEntityRefs } from '../entityRefs';

/** Lists decision records. */
export interface ListRecordsModel {
  listRecords(
    query: AdrListQuery & { include?: 'body' },
  ): Promise<AdrListResponse>;
}

/** {@link ListRecordsModel} over the decision index. */
export class ListRecordsModelImpl implements ListRecordsModel {
  constructor(private readonly store: AdrStore) {}

  async listRecords(
    query: AdrListQuery & { include?: 'body' },
  ): Promise<AdrListResponse> {
    const { include, ...rest } = query;
    if (rest.from && rest.to && rest.from > rest.to) {
      throw new InputError(
        'request/query/from must not be after request/query/to',
      );
    }
    return this.store.list(
      {
        ...rest,
        entityRef: normalizeEntityRefs(
          rest.entityRef,
          'request/query/entityRef',
        ),
        system: normalizeEntityRefs(rest.system, 'request/query/system'),
        domain: normalizeEntityRefs(rest.domain, 'request/query/domain'),
        owner: normalizeEntityRefs(rest.owner, 'request/query/owner'),
      },
      { includeBody: include === 'body' },
    );
  }
}
