import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DocumentCollatorFactory, IndexableDocument } from '@backstage/plugin-search-common';
import { AdrListResponse, AdrStatus, AdrSummary } from '@souverain/plugin-adr-common';
import { Readable } from 'node:stream';

/** A decision record as a search document. */
export interface AdrDocument extends IndexableDocument {
  id: string;
  status: AdrStatus | null;
  date: string | null;
  number: number | null;
  entityRef: string;
  owner?: string;
  system?: string;
  tags: string[];
}

const PAGE = 200;
const MAX_TEXT = 20_000;

/**
 * Feeds the decision index into Backstage search, so that the global search finds ADRs.
 * It reads the adr backend's API with the search plugin's own service credentials.
 */
export class AdrCollatorFactory implements DocumentCollatorFactory {
  readonly type = 'adr';

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      fetch?: typeof fetch;
    },
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<AdrDocument> {
    const { discovery, auth, logger } = this.options;
    const doFetch = this.options.fetch ?? fetch;
    const baseUrl = await discovery.getBaseUrl('adr');
    let offset = 0;
    let count = 0;
    for (;;) {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'adr',
      });
      const response = await doFetch(
        `${baseUrl}/records?include=body&sort=number&order=asc&limit=${PAGE}&offset=${offset}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      const page = (await response.json()) as AdrListResponse & {
        items: Array<AdrSummary & { body?: string }>;
      };
      for (const item of page.items) {
        count++;
        yield {
          id: item.id,
          title:
            item.number !== null
              ? `ADR-${String(item.number).padStart(4, '0')}: ${item.title}`
              : item.title,
          text: `${item.summary}\n\n${item.body ?? ''}`.slice(0, MAX_TEXT),
          location: `/decisions/${item.id}`,
          status: item.status,
          date: item.date,
          number: item.number,
          entityRef: item.entityRef,
          owner: item.owner,
          system: item.system,
          tags: item.tags,
        };
      }
      offset += page.items.length;
      if (page.items.length < PAGE || offset >= page.totalCount) break;
    }
    logger.info(`Collected ${count} decision records for search`);
  }
}
