import {
  CredentialGrant,
  CredentialProvider,
} from '@souverain/plugin-concierge-node';
import { PostgresCredentialProvider } from './PostgresCredentialProvider';

/**
 * The local demo's PostgreSQL provider: before the first grant on a tenant database it creates
 * that database (with a small table to read), so the demo works on a bare PostgreSQL server.
 * Production uses {@link PostgresCredentialProvider} directly, against databases that exist.
 */
export class DemoDatabasesProvider implements CredentialProvider {
  readonly id: string;
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(private readonly postgres: PostgresCredentialProvider) {
    this.id = postgres.id;
  }

  async issue(grant: CredentialGrant) {
    let ensured = this.ensured.get(grant.target);
    if (!ensured) {
      ensured = this.postgres.ensureDatabase(grant.target);
      this.ensured.set(grant.target, ensured);
      ensured.catch(() => this.ensured.delete(grant.target));
    }
    await ensured;
    return this.postgres.issue(grant);
  }

  revoke(options: { requestId: string; reference: string; target: string }) {
    return this.postgres.revoke(options);
  }

  listIssued() {
    return this.postgres.listIssued();
  }

  healthCheck() {
    return this.postgres.healthCheck();
  }
}
