import { AuditInput } from './ConciergeStore';
import { Row } from './conciergeRows';

/** One change of one request, as rows: what commits together. */
export interface RequestWrite {
  id: string;
  /** The request's columns to set (a patch). */
  set: Row;
  /** An approver's decision to record with it. */
  decision?: Row;
  audits: AuditInput[];
  /** When it happened: the time of its audit entries. */
  at: string;
}

/** A condition on the request row beyond its id, written in SQL that both databases read alike. */
export interface RowCondition {
  sql: string;
  bindings: unknown[];
}

/**
 * What differs between SQLite and PostgreSQL in the concierge's store, and nothing else: how a
 * request change and its audit entries commit together, how the audit chain is extended, and how
 * a statement reaches the database. The store describes each operation once, in rows and
 * conditions, and hands it to one of these.
 *
 * SQLite (`SqliteConciergeDialect`): synchronous transactions on knex's own connection,
 * the chain extended in process. PostgreSQL (`PostgresConciergeDialect`): one statement
 * per write where possible, request changes decided optimistically against the row version, the
 * chain extended by the database when the transaction commits.
 */
export interface ConciergeDialect {
  /** The rows of a read statement (`?` placeholders). */
  rows(sql: string, bindings: unknown[]): Promise<Row[]>;
  /** `column` is one of `values`: any number of them, bound as one parameter. */
  anyOf(column: string, values: string[]): RowCondition;
  /**
   * Inserts a new request, with its idempotency key when given, and its audit entries, all or
   * nothing. A key or id already taken rejects with the driver's unique violation.
   */
  insertRequest(request: Row, key: Row | undefined, audits: AuditInput[], at: string): Promise<void>;
  /**
   * Writes `write` only if the request still meets `condition`, without reading it first.
   * Resolves to the row after (only its id, unless `returning` is 'row'), or undefined when the
   * request is missing or no longer meets the condition: then nothing was written.
   */
  updateRequest(write: RequestWrite, condition: RowCondition, returning: 'id' | 'row'): Promise<Row | undefined>;
  /**
   * Reads the request (and its decision rows, when `withDecisions`), lets `decide` turn it into
   * a write, and applies that write to the request as read. `decide` may be called more than
   * once (PostgreSQL decides again when another change came first) and throws to refuse.
   * Rejects with NotFoundError when there is no such request.
   */
  changeRequest<W extends RequestWrite>(
    id: string,
    withDecisions: boolean,
    decide: (row: Row, decisions: Row[]) => W,
  ): Promise<W>;
  /** Appends audit entries on their own, all or nothing. */
  appendAudit(audits: AuditInput[], at: string): Promise<void>;
}
