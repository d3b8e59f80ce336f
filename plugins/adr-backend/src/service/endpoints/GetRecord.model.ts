import { NotFoundError } from '@backstage/errors';
import { AdrDetail } from '@souverain/plugin-adr-common';
import { AdrStore } from '../../database/AdrStore';

/** Reads one decision record. */
export interface GetRecordModel {
  getRecord(id: string): Promise<AdrDetail>;
}

/** {@link GetRecordModel} over the decision index. */
export class GetRecordModelImpl implements GetRecordModel {
  constructor(private readonly store: AdrStore) {}

  async getRecord(id: string): Promise<AdrDetail> {
    const record = await this.store.get(id);
    if (!record) {
      throw new NotFoundError(`No decision record ${id}`);
    }
    return record;
  }
}
