import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';

/**
 * Asks the decision index to re-read one entity's ADR folder at once (as the backend itself,
 * so it works for every user), so that records written by a task show when the task ends. A
 * failure only delays them to the next scheduled refresh, which the log says.
 */
export async function refreshDecisionIndex(
  deps: { auth: AuthService; discovery: DiscoveryService; fetch?: typeof fetch },
  logger: { info(message: string): void; warn(message: string): void },
  entityRef: string,
  what: string,
): Promise<void> {
  const doFetch = deps.fetch ?? fetch;
  try {
    const { token } = await deps.auth.getPluginRequestToken({
      onBehalfOf: await deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'adr',
    });
    const response = await doFetch(`${await deps.discovery.getBaseUrl('adr')}/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ entityRef }),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    logger.info(`The decision index has ${what}`);
  } catch (error) {
    logger.warn(
      `The decision index will show ${what} at its next scheduled refresh (${
        isError(error) ? error.message : String(error)
      })`,
    );
  }
}
