import { ResponseError } from '@backstage/errors';
import {
  ACT_AS_HEADER,
  IDEMPOTENCY_KEY_HEADER,
} from './annotations';
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
  RequestState,
  RevealedCredential,
} from './types';

/** Filters for listing requests. */
export interface AccessRequestQuery {
  /** Only the caller's own requests. */
  mine?: boolean;
  /** Only requests the caller may decide now (the approvals inbox). */
  inbox?: boolean;
  /** Only break-glass grants not yet reviewed that the caller may review. */
  review?: boolean;
  resourceRef?: string;
  state?: RequestState[];
  limit?: number;
  offset?: number;
}

/** What the concierge's frontend asks of its backend. */
export interface ConciergeApi {
  whoami(): Promise<ConciergeIdentity>;
  policies(): Promise<{ items: AccessPolicySummary[] }>;
  preview(resourceRef: string, accessLevel: AccessLevel): Promise<AccessPreview>;
  list(query?: AccessRequestQuery): Promise<AccessRequestList>;
  get(id: string): Promise<AccessRequest>;
  create(body: CreateAccessRequest, options?: { idempotencyKey?: string }): Promise<AccessRequest>;
  approve(id: string, comment?: string): Promise<AccessRequest>;
  deny(id: string, comment: string): Promise<AccessRequest>;
  cancel(id: string): Promise<AccessRequest>;
  revoke(id: string, reason?: string): Promise<AccessRequest>;
  retry(id: string): Promise<AccessRequest>;
  review(id: string, comment: string): Promise<AccessRequest>;
  reveal(id: string): Promise<RevealedCredential>;
  audit(options?: { requestId?: string; before?: number; limit?: number }): Promise<{
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

/** An {@link ConciergeApi} over HTTP, taking Backstage's discovery and fetch APIs. */
export class ConciergeClient implements ConciergeApi {
  private readonly discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  private readonly fetchApi: { fetch: typeof fetch };
  private actingUser: string | undefined;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi: { fetch: typeof fetch };
    actingUser?: string;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.actingUser = options.actingUser;
  }

  setActingUser(userEntityRef: string | undefined) {
    this.actingUser = userEntityRef;
  }

  getActingUser() {
    return this.actingUser;
  }

  whoami(): Promise<ConciergeIdentity> {
    return this.request('/whoami');
  }

  policies(): Promise<{ items: AccessPolicySummary[] }> {
    return this.request('/policies');
  }

  preview(resourceRef: string, accessLevel: AccessLevel): Promise<AccessPreview> {
    const params = new URLSearchParams({ resourceRef, accessLevel });
    return this.request(`/preview?${params}`);
  }

  list(query: AccessRequestQuery = {}): Promise<AccessRequestList> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === '') continue;
      if (Array.isArray(value)) value.forEach(v => params.append(key, String(v)));
      else params.set(key, String(value));
    }
    return this.request(`/requests?${params}`);
  }

  get(id: string): Promise<AccessRequest> {
    return this.request(`/requests/${encodeURIComponent(id)}`);
  }

  create(
    body: CreateAccessRequest,
    options: { idempotencyKey?: string } = {},
  ): Promise<AccessRequest> {
    return this.request('/requests', {
      method: 'POST',
      body,
      headers: options.idempotencyKey
        ? { [IDEMPOTENCY_KEY_HEADER]: options.idempotencyKey }
        : undefined,
    });
  }

  approve(id: string, comment?: string): Promise<AccessRequest> {
    return this.action(id, 'approve', { comment });
  }

  deny(id: string, comment: string): Promise<AccessRequest> {
    return this.action(id, 'deny', { comment });
  }

  cancel(id: string): Promise<AccessRequest> {
    return this.action(id, 'cancel', {});
  }

  revoke(id: string, reason?: string): Promise<AccessRequest> {
    return this.action(id, 'revoke', { reason });
  }

  retry(id: string): Promise<AccessRequest> {
    return this.action(id, 'retry', {});
  }

  review(id: string, comment: string): Promise<AccessRequest> {
    return this.action(id, 'review', { comment });
  }

  reveal(id: string): Promise<RevealedCredential> {
    return this.request(`/requests/${encodeURIComponent(id)}/credential`, {
      method: 'POST',
      body: {},
    });
  }

  audit(options: { requestId?: string; before?: number; limit?: number } = {}) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options)) {
      if (value !== undefined) params.set(key, String(value));
    }
    return this.request<{ items: AuditEntry[]; headSeq: number }>(`/audit?${params}`);
  }

  verify(): Promise<AuditVerification> {
    return this.request('/audit/verify', { method: 'POST', body: {} });
  }

  async exportLines(): Promise<string> {
    const response = await this.send('/audit/export', {});
    return response.text();
  }

  private action(id: string, verb: string, body: Record<string, unknown>) {
    return this.request<AccessRequest>(`/requests/${encodeURIComponent(id)}/${verb}`, {
      method: 'POST',
      body,
    });
  }

  private async request<T>(
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const response = await this.send(path, init);
    return (await response.json()) as T;
  }

  private async send(
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('concierge');
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.actingUser) headers[ACT_AS_HEADER] = this.actingUser;
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
