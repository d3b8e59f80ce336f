import { isError } from '@backstage/errors';
import { AdrIndexService } from '@souverain/plugin-adr-node';

/**
 * Asks the decision index to re-read one entity's ADR folder at once (as the scaffolder, so it
 * works for every user), so that records written by a task show when the task ends. A failure
 * only delays them to the next scheduled refresh, which the log says.
 */
export async function refreshDecisionIndex(
  adrIndex: Pick<AdrIndexService, 'refresh'>,
  logger: { info(message: string): void; warn(message: string): void },
  entityRef: string,
  what: string,
): Promise<void> {
  try {
    await adrIndex.refresh({ entityRef });
    logger.info(`The decision index has ${what}`);
  } catch (error) {
    logger.warn(
      `The decision index will show ${what} at its next scheduled refresh (${
        isError(error) ? error.message : String(error)
      })`,
    );
  }
}
