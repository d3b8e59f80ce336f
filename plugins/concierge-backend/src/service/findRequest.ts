import { NotFoundError } from '@backstage/errors';
import { ConciergeStore, RequestRecord } from '../database/ConciergeStore';

/** A request, or a 404 naming it. */
export async function findRequest(store: ConciergeStore, id: string): Promise<RequestRecord> {
  const request = await store.getRequest(id);
  if (!request) throw new NotFoundError(`No access request ${id}`);
  return request;
}
