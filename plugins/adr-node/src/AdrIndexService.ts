import {
  AuthService,
  coreServices,
  createServiceFactory,
  createServiceRef,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  AdrClient,
  AdrDetail,
  AdrListParameters,
  AdrListResponse,
  AdrRefreshSummary,
} from '@souverain/plugin-adr-common';

/**
 * The decision index as another backend plugin or module sees it. Every call is made with that
 * plugin's own service credentials, so it works outside any user's request (scheduled
 * collation, a scaffolder task that just wrote a record).
 *
 * @public
 */
export interface AdrIndexService {
  /** One page of records; `include: 'body'` adds each record's markdown. */
  list(query?: AdrListParameters): Promise<AdrListResponse>;
  /** One record with its content. */
  get(id: string): Promise<AdrDetail>;
  /** Re-reads one entity's ADR folder now, or every folder. */
  refresh(request?: { entityRef?: string }): Promise<AdrRefreshSummary>;
}

/**
 * Options of {@link createAdrIndexService}.
 *
 * @public
 */
export interface AdrIndexServiceOptions {
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials' | 'getPluginRequestToken'>;
  /** Replaces the global fetch, for tests. */
  fetch?: typeof fetch;
}

/**
 * An {@link AdrIndexService} that asks the `adr` plugin over HTTP through `AdrClient`, with a
 * fresh plugin-to-plugin token for each call (they are short-lived, so none is kept).
 *
 * @public
 */
export function createAdrIndexService(options: AdrIndexServiceOptions): AdrIndexService {
  const { discovery, auth } = options;
  const doFetch = options.fetch ?? fetch;
  const client = new AdrClient({
    discoveryApi: discovery,
    fetchApi: {
      fetch: async (input, init) => {
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: await auth.getOwnServiceCredentials(),
          targetPluginId: 'adr',
        });
        const request = new Request(input, init);
        request.headers.set('Authorization', `Bearer ${token}`);
        return doFetch(request);
      },
    },
  });
  return {
    list: query => client.list(query),
    get: id => client.get(id),
    refresh: request => client.refresh(request),
  };
}

/**
 * The decision index for backend plugins and modules: `deps: { adrIndex: adrIndexServiceRef }`.
 * Each plugin gets its own instance, calling as that plugin.
 *
 * @public
 */
export const adrIndexServiceRef = createServiceRef<AdrIndexService>({
  id: 'adr.index',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: ({ discovery, auth }) => createAdrIndexService({ discovery, auth }),
    }),
});
