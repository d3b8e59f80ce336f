import { createHash } from 'node:crypto';
import { AuditVerification } from '@souverain/plugin-concierge-common';

/** The hash that starts the chain: the "previous hash" of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** An audit row as stored: `details` is the exact JSON text that was hashed. */
export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  requestId: string | null;
  details: string;
  prevHash: string;
  hash: string;
}

/**
 * SHA-256 over the previous hash and every field of the entry, serialised as a JSON array so
 * no two different entries can produce the same input.
 *
 * This is the rule's reference. PostgreSQL applies it in the trigger of migration
 * 20261203090000, where the TypeScript cannot run; auditChain.test.ts pins both to the same
 * fixed vectors, so a change to either fails there.
 */
export function auditEntryHash(prevHash: string, row: Omit<AuditRow, 'prevHash' | 'hash'>): string {
  return createHash('sha256')
    .update(
      JSON.stringify([prevHash, row.seq, row.at, row.actor, row.action, row.requestId, row.details]),
    )
    .digest('hex');
}

/**
 * Walks the chain in seq order, batch by batch, and stops at the first entry that does not
 * fit. Kept apart from the database so it can be tested on hand-made chains.
 */
export class AuditChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private count = 0;
  private failure?: Pick<AuditVerification, 'firstBadSeq' | 'problem' | 'message'>;

  /** Feeds the next rows; returns false once the chain is known to be broken. */
  push(rows: AuditRow[]): boolean {
    for (const row of rows) {
      if (this.failure) return false;
      if (row.seq > this.expectedSeq) {
        this.failure = {
          firstBadSeq: this.expectedSeq,
          problem: 'removed',
          message:
            row.seq === this.expectedSeq + 1
              ? `entry #${this.expectedSeq} was removed`
              : `entries #${this.expectedSeq} to #${row.seq - 1} were removed`,
        };
        return false;
      }
      if (row.seq < this.expectedSeq) {
        this.failure = {
          firstBadSeq: row.seq,
          problem: 'inserted',
          message: `entry #${row.seq} appears twice`,
        };
        return false;
      }
      const recomputed = auditEntryHash(row.prevHash, row);
      if (recomputed !== row.hash) {
        this.failure = {
          firstBadSeq: row.seq,
          problem: 'altered',
          message: `entry #${row.seq} was altered: its content no longer matches its hash`,
        };
        return false;
      }
      if (row.prevHash !== this.prevHash) {
        this.failure = {
          firstBadSeq: row.seq,
          problem: 'reordered',
          message:
            row.seq === 1
              ? 'entry #1 does not start the chain'
              : `entry #${row.seq} does not follow entry #${row.seq - 1}: entries were reordered or #${row.seq - 1} was altered and re-hashed`,
        };
        return false;
      }
      this.prevHash = row.hash;
      this.expectedSeq = row.seq + 1;
      this.count += 1;
    }
    return true;
  }

  /** The verdict, checked against the head the store keeps of the last entry. */
  finish(head: { seq: number; hash: string }, durationMs: number): AuditVerification {
    const base = { entries: this.count, headSeq: head.seq, durationMs };
    if (this.failure) return { ...base, intact: false, ...this.failure };
    const lastSeq = this.expectedSeq - 1;
    if (lastSeq < head.seq) {
      return {
        ...base,
        intact: false,
        firstBadSeq: lastSeq + 1,
        problem: 'truncated',
        message:
          lastSeq + 1 === head.seq
            ? `entry #${head.seq} was removed from the end of the log`
            : `entries #${lastSeq + 1} to #${head.seq} were removed from the end of the log`,
      };
    }
    if (lastSeq > head.seq || this.prevHash !== head.hash) {
      return {
        ...base,
        intact: false,
        firstBadSeq: lastSeq > head.seq ? head.seq + 1 : lastSeq,
        problem: lastSeq > head.seq ? 'inserted' : 'altered',
        message:
          lastSeq > head.seq
            ? `entries after #${head.seq} were added outside the concierge`
            : `entry #${lastSeq} does not match the recorded end of the chain`,
      };
    }
    return {
      ...base,
      intact: true,
      message: `Chain intact, ${this.count} ${this.count === 1 ? 'entry' : 'entries'}`,
    };
  }
}
