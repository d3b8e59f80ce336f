import {
  CredentialGrant,
  CredentialProvider,
} from '@souverain/plugin-concierge-node';
import { PostgresCredentialProvider } from './PostgresCredentialProvider';

/** Options for {@link TenantDatabasesProvider}. */
export interface TenantDatabasesProviderOptions {
  /** Prepended to every target to name the database (`souverain_tenant_` + `acme-payments-db`). */
  databasePrefix?: string;
  /** Create a database (with a small demo table) before its first grant; the local demo only. */
  createDatabases?: boolean;
}

/**
 * The PostgreSQL provider as the concierge uses it: resource targets map to database names on
 * the configured server, and in the local demo the database is created on first use so the
 * journey works on a bare server.
 */
export class TenantDatabasesProvider implements CredentialProvider {
  readonly id: string;
  private readonly ensured = new Map<string, Promise<void>>();
  private readonly prefix: string;

  constructor(
    private readonly postgres: PostgresCredentialProvider,
    private readonly options: TenantDatabasesProviderOptions = {},
  ) {
    this.id = postgres.id;
    this.prefix = options.databasePrefix ?? '';
  }

  private database(target: string): string {
    return target.startsWith(this.prefix) ? target : `${this.prefix}${target}`;
  }

  async issue(grant: CredentialGrant) {
    const database = this.database(grant.target);
    if (this.options.createDatabases) {
      let ensured = this.ensured.get(database);
      if (!ensured) {
        ensured = this.postgres.ensureDatabase(database);
        this.ensured.set(database, ensured);
        ensured.catch(() => this.ensured.delete(database));
      }
      await ensured;
    }
    return this.postgres.issue({ ...grant, target: database });
  }

  revoke(options: { requestId: string; reference: string; target: string }) {
    return this.postgres.revoke({
      ...options,
      target: options.target ? this.database(options.target) : '',
    });
  }

  referenceFor(requestId: string) {
    return this.postgres.referenceFor(requestId);
  }

  listIssued() {
    return this.postgres.listIssued();
  }

  healthCheck() {
    return this.postgres.healthCheck();
  }
}
