import { createHash } from 'node:crypto';

/**
 * The id of a decision record: stable across refreshes for the same entity and file, so that
 * links to `/decisions/<id>` survive a re-index and a record written by a task can be linked
 * before the index has read it.
 *
 * @public
 */
export function adrRecordId(entityRef: string, path: string): string {
  return createHash('sha256').update(`${entityRef}\u0000${path}`).digest('hex').slice(0, 40);
}
