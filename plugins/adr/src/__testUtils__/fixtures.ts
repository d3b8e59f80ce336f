import {
  AdrDetail,
  AdrRefreshSummary,
  AdrSummary,
} from '@souverain/plugin-adr-common';

export const ID_2 = 'a'.repeat(40);
export const ID_4 = 'b'.repeat(40);
export const ID_1 = 'c'.repeat(40);

export const PAYMENTS_API = 'component:default/payments-api';

const folder = 'file:///srv/examples/adr/payments-api';

export function summary(overrides: Partial<AdrSummary> = {}): AdrSummary {
  return {
    id: ID_4,
    entityRef: PAYMENTS_API,
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

/** The three records of payments-api, newest first. */
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

/** A record in full, as `GET /records/:id` serves it: ADR-0002 unless overridden. */
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

/** The three records of payments-api in full. */
export function details(): AdrDetail[] {
  return [
    detail({
      ...records[0],
      links: [
        {
          type: 'supersedes',
          target: 'ADR-0002',
          number: 2,
          targetId: ID_2,
          targetTitle: records[1].title,
          targetStatus: 'superseded',
        },
      ],
      body: `# ${records[0].title}\n\n## Context and Problem Statement\n\nEvents were lost.\n`,
    }),
    detail(),
    detail({
      ...records[2],
      links: [],
      body: `# ${records[2].title}\n\n## Decision Outcome\n\nEvery POST carries a key.\n`,
    }),
  ];
}

/** A record of another entity, which the views of payments-api must not show. */
export function ledgerRecord(overrides: Partial<AdrDetail> = {}): AdrDetail {
  return detail({
    ...summary({
      id: 'd'.repeat(40),
      entityRef: 'component:default/ledger-service',
      entityTitle: 'Ledger service',
      system: 'system:default/ledger',
      owner: 'group:default/ledger-team',
      number: 1,
      path: '0001-keep-a-double-entry-ledger.md',
      url: 'file:///srv/examples/adr/ledger-service/0001-keep-a-double-entry-ledger.md',
      title: 'Keep a double-entry ledger',
      date: '2025-06-02',
      tags: ['ledger'],
      summary: 'Balances must be provable.',
    }),
    links: [],
    body: '# Keep a double-entry ledger\n',
    folderUrl: 'file:///srv/examples/adr/ledger-service',
    ...overrides,
  });
}

/** The last refresh of the index. */
export const lastRefresh: AdrRefreshSummary = {
  startedAt: '2026-01-01T10:00:00.000Z',
  finishedAt: '2026-01-01T10:00:01.000Z',
  entities: 5,
  records: 24,
  added: 0,
  updated: 0,
  removed: 0,
  problems: 0,
  durationMs: 1000,
};
