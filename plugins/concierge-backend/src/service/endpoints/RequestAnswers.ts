import { NotFoundError } from '@backstage/errors';
import { AccessRequest } from '@souverain/plugin-concierge-common';
import { DecisionRecord, RequestRecord } from '../../database/ConciergeStore';
import { Actor } from '../Actor';
import { RequestViews } from '../RequestViews';

const REQUEST_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The id of a request, or 404. An id that cannot be a request's answers as a missing request
 * does, so a path such as `../../etc` tells a caller nothing more.
 */
export function requestIdOf(id: string): string {
  if (!REQUEST_ID.test(id)) throw new NotFoundError(`No access request ${id}`);
  return id;
}

/**
 * The request as a state change leaves it, for the caller. Its timeline is on GET /requests/{id};
 * decisions the change already read are passed on, not read again.
 */
export async function changedRequestView(
  views: RequestViews,
  actor: Actor,
  record: RequestRecord,
  decisions?: DecisionRecord[],
): Promise<AccessRequest> {
  const [view] = await views.toViews(
    [record],
    actor,
    false,
    decisions && new Map([[record.id, decisions]]),
  );
  return view;
}
