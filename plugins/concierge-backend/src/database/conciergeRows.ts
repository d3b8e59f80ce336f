import { AuditEntry } from '@souverain/plugin-concierge-common';
import { AuditRow } from './auditChain';
import { DecisionRecord, RequestRecord } from './ConciergeStore';

/** A row as the driver returns it, or as it is written. */
export type Row = Record<string, any>;

export const REQUESTS = 'concierge_requests';
export const DECISIONS = 'concierge_decisions';
export const AUDIT = 'concierge_audit';
export const HEAD = 'concierge_audit_head';
/** PostgreSQL only: entries waiting for their transaction's commit to be chained. */
export const PENDING = 'concierge_audit_pending';
export const IDEMPOTENCY = 'concierge_idempotency';
export const KEYS = 'concierge_signing_keys';

const columns: Record<keyof RequestRecord, string> = {
  id: 'id',
  requester: 'requester',
  resourceRef: 'resource_ref',
  resourceTitle: 'resource_title',
  accessLevel: 'access_level',
  durationMinutes: 'duration_minutes',
  justification: 'justification',
  ticket: 'ticket',
  breakGlass: 'break_glass',
  state: 'state',
  policy: 'policy',
  approvalsRequired: 'approvals_required',
  approverGroups: 'approver_groups',
  provider: 'provider',
  target: 'target',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  pendingUntil: 'pending_until',
  activatedAt: 'activated_at',
  expiresAt: 'expires_at',
  issuingUntil: 'issuing_until',
  failureReason: 'failure_reason',
  reviewDueAt: 'review_due_at',
  reviewedAt: 'reviewed_at',
  reviewedBy: 'reviewed_by',
  reviewOverdueAt: 'review_overdue_at',
  credentialReference: 'credential_reference',
  credentialKind: 'credential_kind',
  credentialSecret: 'credential_secret',
  credentialDetails: 'credential_details',
  revealedAt: 'revealed_at',
};

/** The columns of a request (or of a patch: a field set to undefined clears its column). */
export function toRow(record: Partial<RequestRecord>): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(record)) {
    const column = columns[key as keyof RequestRecord];
    if (!column) continue;
    if (key === 'approverGroups' || key === 'credentialDetails') {
      row[column] = value === undefined || value === null ? null : JSON.stringify(value);
    } else {
      row[column] = value === undefined ? null : value;
    }
  }
  return row;
}

/** A request from its row; columns that are not the request's (a row version, say) are ignored. */
export function fromRow(row: Row): RequestRecord {
  const record: Row = {};
  for (const [key, column] of Object.entries(columns)) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    record[key] = value;
  }
  record.breakGlass = Boolean(row.break_glass);
  record.durationMinutes = Number(row.duration_minutes);
  record.approvalsRequired = Number(row.approvals_required);
  record.approverGroups = JSON.parse(row.approver_groups ?? '[]');
  if (row.credential_details) record.credentialDetails = JSON.parse(row.credential_details);
  return record as RequestRecord;
}

/** An audit row in the shape the chain's hash rule reads. */
export function toAuditRow(row: Row): AuditRow {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    requestId: row.request_id ?? null,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** An audit entry as the API shows it. */
export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    requestId: row.requestId ?? undefined,
    details: JSON.parse(row.details),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** A decision from its row. */
export function toDecision(row: Row): DecisionRecord {
  return {
    requestId: row.request_id,
    actor: row.actor,
    decision: row.decision,
    comment: row.comment ?? undefined,
    at: row.at,
  };
}

/** The row that remembers an Idempotency-Key and the request it created. */
export function idempotencyRow(record: RequestRecord, idempotency: { key: string; bodyHash: string }): Row {
  return {
    requester: record.requester,
    key: idempotency.key,
    body_hash: idempotency.bodyHash,
    request_id: record.id,
    created_at: record.createdAt,
  };
}

/** `INSERT INTO table (...) VALUES (?, ...)` for the columns of `row`, in its key order. */
export const insertSql = (table: string, row: Row) =>
  `INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map(() => '?').join(', ')})`;

/** `a = ?, b = ?` for the columns of `row`, in its key order. */
export const assignments = (row: Row) => Object.keys(row).map(column => `${column} = ?`).join(', ');

/** Whether a driver error is a unique or primary key violation, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}
