import { mockServices } from '@backstage/backend-test-utils';
import { AdrListResponse, AdrSummary } from '@souverain/plugin-adr-common';
import { AdrIndexService } from '@souverain/plugin-adr-node';
import { AdrCollatorFactory, AdrDocument } from './AdrCollatorFactory';

function record(n: number, extra: Partial<AdrSummary> = {}): AdrSummary {
  return {
    id: `id-${n}`,
    entityRef: 'component:default/ledger',
    entityKind: 'Component',
    owner: 'group:default/payments',
    system: 'system:default/payments',
    path: `${String(n).padStart(4, '0')}-decision.md`,
    number: n,
    title: `Decision ${n}`,
    format: 'madr-4',
    status: 'accepted',
    statusRaw: 'accepted',
    date: '2026-11-25',
    deciders: [],
    tags: ['database'],
    summary: `Summary ${n}`,
    problemCount: 0,
    url: `https://github.com/acme/ledger/blob/main/docs/adr/${n}.md`,
    indexedAt: '2026-11-25T10:00:00Z',
    body: `# Decision ${n}\n\nBody ${n}`,
    ...extra,
  } as AdrSummary;
}

/** A decision index of `total` records that answers pages the way the API does. */
function fakeIndex(records: AdrSummary[]) {
  const queries: unknown[] = [];
  const adrIndex = {
    async list(query: { limit?: number; offset?: number } = {}): Promise<AdrListResponse> {
      queries.push(query);
      const offset = query.offset ?? 0;
      const limit = query.limit ?? 50;
      return {
        items: records.slice(offset, offset + limit),
        totalCount: records.length,
        limit,
        offset,
      } as AdrListResponse;
    },
  } as unknown as AdrIndexService;
  return { adrIndex, queries };
}

async function collect(adrIndex: AdrIndexService): Promise<AdrDocument[]> {
  const factory = new AdrCollatorFactory({ adrIndex, logger: mockServices.logger.mock() });
  const documents: AdrDocument[] = [];
  for await (const document of await factory.getCollator()) documents.push(document);
  return documents;
}

describe('AdrCollatorFactory', () => {
  it('turns every record into a search document that links to its page, across pages', async () => {
    const records = Array.from({ length: 450 }, (_, i) => record(i + 1));
    const { adrIndex, queries } = fakeIndex(records);
    const documents = await collect(adrIndex);

    expect(documents).toHaveLength(450);
    expect(new Set(documents.map(d => d.id)).size).toBe(450);
    expect(documents[6]).toEqual({
      id: 'id-7',
      title: 'ADR-0007: Decision 7',
      text: 'Summary 7\n\n# Decision 7\n\nBody 7',
      location: '/decisions/id-7',
      status: 'accepted',
      date: '2026-11-25',
      number: 7,
      entityRef: 'component:default/ledger',
      owner: 'group:default/payments',
      system: 'system:default/payments',
      tags: ['database'],
    });
    // The records' markdown is asked for, or search would only find titles and summaries
    expect(queries.every(q => (q as { include?: string }).include === 'body')).toBe(true);
  });

  it('titles unnumbered records as written and caps very long records', async () => {
    const { adrIndex } = fakeIndex([
      record(1, { number: null, title: 'Team charter', body: 'x'.repeat(50_000) }),
    ]);
    const [document] = await collect(adrIndex);
    expect(document.title).toBe('Team charter');
    expect(document.text.length).toBe(20_000);
  });

  it('collates nothing from an empty index', async () => {
    expect(await collect(fakeIndex([]).adrIndex)).toEqual([]);
  });
});
