import { LoggerService } from '@backstage/backend-plugin-api';
import { DocumentCollatorFactory, IndexableDocument } from '@backstage/plugin-search-common';
import { AdrStatus } from '@souverain/plugin-adr-common';
import { AdrIndexService } from '@souverain/plugin-adr-node';
import { Readable } from 'node:stream';

/**
 * A decision record as a search document.
 *
 * @public
 */
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

/**
 * Options of {@link AdrCollatorFactory}.
 *
 * @public
 */
export interface AdrCollatorFactoryOptions {
  /** The decision index, called as the search plugin. */
  adrIndex: AdrIndexService;
  logger: LoggerService;
}

const PAGE = 200;
// Search engines index the start of a record well enough; whole records would bloat the index.
const MAX_TEXT = 20_000;

/**
 * Feeds the decision index into Backstage search, so that the global search finds ADRs.
 *
 * @public
 */
export class AdrCollatorFactory implements DocumentCollatorFactory {
  readonly type = 'adr';

  constructor(private readonly options: AdrCollatorFactoryOptions) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<AdrDocument> {
    const { adrIndex, logger } = this.options;
    let offset = 0;
    let count = 0;
    for (;;) {
      const page = await adrIndex.list({
        include: 'body',
        sort: 'number',
        order: 'asc',
        limit: PAGE,
        offset,
      });
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
