/** The token provider's public keys, as a JWKS. */
export interface GetJwksModel {
  getJwks(): Promise<{ keys: Array<Record<string, unknown>> }>;
}

/** {@link GetJwksModel} over the token provider; no provider serves an empty set. */
export class GetJwksModelImpl implements GetJwksModel {
  constructor(
    private readonly jwks?: () => Promise<{ keys: unknown[] }>,
  ) {}

  async getJwks(): Promise<{ keys: Array<Record<string, unknown>> }> {
    const set = this.jwks ? await this.jwks() : { keys: [] };
    return { keys: set.keys as Array<Record<string, unknown>> };
  }
}
