import {
  AdrApi,
  AdrDetail,
  AdrGraph,
  AdrStats,
  AdrSummary,
} from '@souverain/plugin-adr-common';

const graph: AdrGraph = { nodes: [], edges: [] };

export const ID_2 = 'a'.repeat(40);
export const ID_4 = 'b'.repeat(40);
export const ID_1 = 'c'.repeat(40);

const folder = 'file:///srv/examples/adr/payments-api';

export function summary(overrides: Partial<AdrSummary> = {}): AdrSummary {
  return {
    id: ID_4,
    entityRef: 'component:default/payments-api',
    entityKind: 'Component',
    entityTitle: 'Payments API',
    system: 'system:default/payments',
    domain: 'domain:default/payments',
    owner: 'group:default/payments-team',
    path: '0004-publish-payment-events-through-transactional-outbox.md',
    number: 4,
    title: 'Publish payment events through a transactional outbox',
    format: 'madr-4',
    status: 'accepted',
    statusRaw: 'accepted',
    date: '2025-12-01',
    deciders: ['Claire Moreau'],
    tags: ['events'],
    summary: 'Publishing right after the commit lost events when RabbitMQ was down.',
    problemCount: 0,
    url: `${folder}/0004-publish-payment-events-through-transactional-outbox.md`,
    indexedAt: '2026-01-01T10:00:00.000Z',
    ...overrides,
  };
}

export const records: AdrSummary[] = [
  summary(),
  summary({
    id: ID_2,
    number: 2,
    path: '0002-publish-payment-events-after-commit.md',
    url: `${folder}/0002-publish-payment-events-after-commit.md`,
    title: 'Publish payment events to RabbitMQ right after the database commit',
    status: 'superseded',
    statusRaw: 'superseded by ADR-0004',
    date: '2024-03-11',
    summary: 'The ledger service needs to know when a payment is authorised.',
  }),
  summary({
    id: ID_1,
    number: 1,
    path: '0001-require-idempotency-keys-on-mutating-requests.md',
    url: `${folder}/0001-require-idempotency-keys-on-mutating-requests.md`,
    title: 'Require idempotency keys on mutating requests',
    date: '2024-01-15',
  }),
];

export function detail(overrides: Partial<AdrDetail> = {}): AdrDetail {
  return {
    ...records[1],
    consulted: ['Marco Bianchi'],
    informed: ['ledger-team'],
    links: [
      {
        type: 'superseded-by',
        target: 'ADR-0004',
        number: 4,
        targetId: ID_4,
        targetTitle: 'Publish payment events through a transactional outbox',
        targetStatus: 'accepted',
      },
    ],
    sections: [],
    body: '# Publish payment events to RabbitMQ right after the database commit\n\n## Context and Problem Statement\n\nWe publish events.\n',
    problems: [],
    folderUrl: folder,
    ...overrides,
  };
}

export const stats: AdrStats = {
  total: 3,
  byStatus: [
    { value: 'accepted', count: 2 },
    { value: 'superseded', count: 1 },
  ],
  bySystem: [{ value: 'system:default/payments', count: 3 }],
  byDomain: [{ value: 'domain:default/payments', count: 3 }],
  byOwner: [{ value: 'group:default/payments-team', count: 3 }],
  byTag: [{ value: 'events', count: 3 }],
  byEntity: [{ value: 'component:default/payments-api', count: 3 }],
  problems: 0,
  lastRefresh: {
    startedAt: '2026-01-01T10:00:00.000Z',
    finishedAt: '2026-01-01T10:00:01.000Z',
    entities: 5,
    records: 24,
    added: 0,
    updated: 0,
    removed: 0,
    problems: 0,
    durationMs: 1000,
  },
};

/** A mocked AdrApi answering with the fixtures; every method is a jest mock. */
export function mockAdrApi(overrides: Partial<jest.Mocked<AdrApi>> = {}): jest.Mocked<AdrApi> {
  return {
    list: jest.fn(async query => ({
      items: records,
      totalCount: records.length,
      limit: query?.limit ?? 50,
      offset: query?.offset ?? 0,
    })),
    get: jest.fn(async (_id: string) => detail()),
    graph: jest.fn(async (_options: { id?: string; entityRef?: string }) => graph),
    stats: jest.fn(async () => stats),
    problems: jest.fn(async () => ({ items: [] })),
    refresh: jest.fn(async () => stats.lastRefresh!),
    ...overrides,
  };
}
