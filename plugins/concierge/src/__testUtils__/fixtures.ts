import {
  AccessPreview,
  AccessRequest,
  AuditEntry,
  AuditVerification,
  RevealedCredential,
} from '@souverain/plugin-concierge-common';

export const RESOURCE_REF = 'resource:default/acme-payments-db';
export const THOMAS = 'user:default/thomas.petit';
export const SOFIA = 'user:default/sofia.martin';
export const CLAIRE = 'user:default/claire.moreau';

const MINUTE = 60_000;

/** An ISO timestamp `minutes` from now (negative: in the past). */
export function inMinutes(minutes: number): string {
  return new Date(Date.now() + minutes * MINUTE).toISOString();
}

/** A pending request of Thomas's, with overrides. */
export function accessRequest(overrides: Partial<AccessRequest> = {}): AccessRequest {
  return {
    id: 'req-1',
    requester: THOMAS,
    resourceRef: RESOURCE_REF,
    resourceTitle: 'Acme payments database',
    accessLevel: 'read',
    durationMinutes: 60,
    justification: 'Investigate duplicated captures reported in INC-4821',
    ticket: 'INC-4821',
    breakGlass: false,
    state: 'pending',
    policy: 'production-databases',
    approvalsRequired: 1,
    approverGroups: ['group:default/payments-team', 'group:default/security-team'],
    decisions: [],
    transitions: [{ to: 'pending', actor: THOMAS, at: '2026-11-25T09:00:00.000Z' }],
    createdAt: '2026-11-25T09:00:00.000Z',
    updatedAt: '2026-11-25T09:00:00.000Z',
    pendingUntil: inMinutes(24 * 60),
    actions: ['cancel'],
    ...overrides,
  };
}

/** An active grant of Thomas's, not revealed yet. */
export function activeGrant(overrides: Partial<AccessRequest> = {}): AccessRequest {
  return accessRequest({
    id: 'req-2',
    state: 'active',
    accessLevel: 'write',
    activatedAt: inMinutes(-30),
    expiresAt: inMinutes(90),
    decisions: [
      { actor: SOFIA, decision: 'approve', comment: 'Go ahead', at: '2026-11-25T09:05:00.000Z' },
    ],
    transitions: [
      { to: 'pending', actor: THOMAS, at: '2026-11-25T09:00:00.000Z' },
      { from: 'pending', to: 'approved', actor: SOFIA, at: '2026-11-25T09:05:00.000Z' },
      {
        from: 'approved',
        to: 'active',
        actor: 'concierge',
        at: '2026-11-25T09:05:01.000Z',
        reason: 'credential issued',
      },
    ],
    credential: {
      provider: 'postgres',
      reference: 'tmp_thomas_petit_7f3a',
      revealable: true,
      kind: 'PostgreSQL connection string',
    },
    actions: ['revoke', 'reveal'],
    ...overrides,
  });
}

export function preview(overrides: Partial<AccessPreview> = {}): AccessPreview {
  return {
    resourceRef: RESOURCE_REF,
    accessLevel: 'read',
    policy: 'production-databases',
    maxDurationMinutes: 240,
    approvals: 1,
    approverGroups: ['group:default/payments-team', 'group:default/security-team'],
    breakGlassAllowed: false,
    breakGlassMaxMinutes: 60,
    provider: 'postgres',
    ...overrides,
  };
}

export const revealed: RevealedCredential = {
  requestId: 'req-2',
  provider: 'postgres',
  kind: 'PostgreSQL connection string',
  secret: 'postgresql://tmp_thomas_petit_7f3a:s3cr3t-Pa55@db.internal:5432/payments',
  expiresAt: inMinutes(90),
  details: { host: 'db.internal', database: 'payments', role: 'tmp_thomas_petit_7f3a' },
};

/** Three entries of a well-formed chain, newest first as the API returns them. */
export const auditEntries: AuditEntry[] = [3, 2, 1].map(seq => ({
  seq,
  at: `2026-11-25T09:0${seq}:00.000Z`,
  actor: seq === 2 ? SOFIA : THOMAS,
  action: ['request.created', 'request.approved', 'credential.revealed'][seq - 1],
  requestId: 'req-2',
  details: {},
  prevHash: String(seq - 1).repeat(64),
  hash: `${seq}abcdef0123456789`.padEnd(64, String(seq)),
}));

export const intactChain: AuditVerification = {
  intact: true,
  entries: 3,
  headSeq: 3,
  durationMs: 4,
  message: 'The chain is intact',
};
