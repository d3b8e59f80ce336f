import { ACT_AS_HEADER } from './annotations';
import {
  ConciergeApiFetchClient,
  ConciergeApiOperations,
  createConciergeApiFetchClient,
} from './schema/openapi';
import {
  AccessLevel,
  AccessPolicySummary,
  AccessPreview,
  AccessRequest,
  AccessRequestList,
  AuditEntry,
  AuditVerification,
  ConciergeIdentity,
  CreateAccessRequest,
  RevealedCredential,
} from './types';

/** Filters for listing requests: `mine`, `inbox` (what the caller may decide now), `review`, state, paging. */
export type AccessRequestQuery = NonNullable<
  ConciergeApiOperations['listRequests']['parameters']['query']
>;

/** What the concierge's frontend asks of its backend. */
export interface ConciergeApi {
  whoami(): Promise<ConciergeIdentity>;
  policies(): Promise<{ items: AccessPolicySummary[] }>;
  preview(
    resourceRef: string,
    accessLevel: AccessLevel,
  ): Promise<AccessPreview>;
  list(query?: AccessRequestQuery): Promise<AccessRequestList>;
  get(id: string): Promise<AccessRequest>;
  create(
    body: CreateAccessRequest,
    options?: { idempotencyKey?: string },
  ): Promise<AccessRequest>;
  approve(id: string, comment?: string): Promise<AccessRequest>;
  deny(id: string, comment: string): Promise<AccessRequest>;
  cancel(id: string): Promise<AccessRequest>;
  revoke(id: string, reason?: string): Promise<AccessRequest>;
  retry(id: string): Promise<AccessRequest>;
  review(id: string, comment: string): Promise<AccessRequest>;
  reveal(id: string): Promise<RevealedCredential>;
  audit(options?: {
    requestId?: string;
    before?: number;
    limit?: number;
  }): Promise<{
    items: AuditEntry[];
    headSeq: number;
  }>;
  verify(): Promise<AuditVerification>;
  /** The whole log as JSON lines, one entry per line. */
  exportLines(): Promise<string>;
  /** Acting as another demo user (local mode); undefined acts as the signed-in user. */
  setActingUser(userEntityRef: string | undefined): void;
  getActingUser(): string | undefined;
}

/** Options of `ConciergeClient`: Backstage's discovery and fetch APIs (or look-alikes). */
export interface ConciergeClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
  /** The demo user to act as from the start (local mode). */
  actingUser?: string;
}

/**
 * A {@link ConciergeApi} over HTTP, on the client generated from the OpenAPI spec. A non-2xx
 * answer is thrown as a ResponseError.
 */
export class ConciergeClient implements ConciergeApi {
  private readonly client: ConciergeApiFetchClient;
  private actingUser: string | undefined;

  constructor(options: ConciergeClientOptions) {
    this.client = createConciergeApiFetchClient(options);
    this.actingUser = options.actingUser;
  }

  setActingUser(userEntityRef: string | undefined) {
    this.actingUser = userEntityRef;
  }

  getActingUser() {
    return this.actingUser;
  }

  async whoami(): Promise<ConciergeIdentity> {
    const { data } = await this.client.GET('/whoami', {
      headers: this.headers(),
    });
    return data!;
  }

  async policies(): Promise<{ items: AccessPolicySummary[] }> {
    const { data } = await this.client.GET('/policies', {
      headers: this.headers(),
    });
    return data!;
  }

  async preview(
    resourceRef: string,
    accessLevel: AccessLevel,
  ): Promise<AccessPreview> {
    const { data } = await this.client.GET('/preview', {
      params: { query: { resourceRef, accessLevel } },
      headers: this.headers(),
    });
    return data!;
  }

  async list(query: AccessRequestQuery = {}): Promise<AccessRequestList> {
    const { data } = await this.client.GET('/requests', {
      params: { query: withoutEmpty(query) },
      headers: this.headers(),
    });
    return data!;
  }

  async get(id: string): Promise<AccessRequest> {
    const { data } = await this.client.GET('/requests/{id}', {
      params: { path: { id } },
      headers: this.headers(),
    });
    return data!;
  }

  async create(
    body: CreateAccessRequest,
    options: { idempotencyKey?: string } = {},
  ): Promise<AccessRequest> {
    const { data } = await this.client.POST('/requests', {
      body,
      params: options.idempotencyKey
        ? { header: { 'Idempotency-Key': options.idempotencyKey } }
        : {},
      headers: this.headers(),
    });
    return data!;
  }

  async approve(id: string, comment?: string): Promise<AccessRequest> {
    const { data } = await this.client.POST('/requests/{id}/approve', {
      params: { path: { id } },
      body: comment === undefined ? {} : { comment },
      headers: this.headers(),
    });
    return data!;
  }

  async deny(id: string, comment: string): Promise<AccessRequest> {
    const { data } = await this.client.POST('/requests/{id}/deny', {
      params: { path: { id } },
      body: { comment },
      headers: this.headers(),
    });
    return data!;
  }

  async cancel(id: string): Promise<AccessRequest> {
    const { data } = await this.client.POST('/requests/{id}/cancel', {
      params: { path: { id } },
      body: {},
      headers: this.headers(),
    });
    return data!;
  }

  async revoke(id: string, reason?: string): Promise<AccessRequest> {
    const { data } = await this.client.POST('/requests/{id}/revoke', {
      params: { path: { id } },
      body: reason === undefined ? {} : { reason },
      headers: this.headers(),
    });
    return data!;
  }

  async retry(id: string): Promise<AccessRequest> {
    const { data } = await this.client.POST('/requests/{id}/retry', {
      params: { path: { id } },
      body: {},
      headers: this.headers(),
    });
    return data!;
  }

  async review(id: string, comment: string): Promise<AccessRequest> {
    const { data } = await this.client.POST('/requests/{id}/review', {
      params: { path: { id } },
      body: { comment },
      headers: this.headers(),
    });
    return data!;
  }

  async reveal(id: string): Promise<RevealedCredential> {
    const { data } = await this.client.POST('/requests/{id}/credential', {
      params: { path: { id } },
      body: {},
      headers: this.headers(),
    });
    return data!;
  }

  async audit(
    options: { requestId?: string; before?: number; limit?: number } = {},
  ): Promise<{ items: AuditEntry[]; headSeq: number }> {
    const { data } = await this.client.GET('/audit', {
      params: { query: withoutEmpty(options) },
      headers: this.headers(),
    });
    return data!;
  }

  async verify(): Promise<AuditVerification> {
    const { data } = await this.client.POST('/audit/verify', {
      body: {},
      headers: this.headers(),
    });
    return data!;
  }

  async exportLines(): Promise<string> {
    const { data } = await this.client.GET('/audit/export', {
      parseAs: 'text',
      headers: this.headers(),
    });
    return data!;
  }

  /** The demo's acting-as header, on every call while a demo user is chosen. */
  private headers(): Record<string, string> | undefined {
    return this.actingUser ? { [ACT_AS_HEADER]: this.actingUser } : undefined;
  }
}

/** Drops unset and empty values, which the API would refuse (`limit=` is not a number). */
function withoutEmpty<T extends object>(query: T): T {
  return Object.fromEntries(
    Object.entries(query).filter(
      ([, v]) =>
        v !== undefined &&
        v !== null &&
        v !== '' &&
        !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;
}
