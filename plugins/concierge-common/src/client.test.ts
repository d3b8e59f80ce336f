import { ResponseError } from '@backstage/errors';
import { ConciergeClient } from './client';

/** A backend that records what it was sent and answers from a table. */
function fakeBackend(
  answer: (request: Request) => Response | Promise<Response>,
) {
  const sent: Array<{
    method: string;
    url: string;
    headers: Headers;
    body: string;
  }> = [];
  const fetchApi = {
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      sent.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: await request.clone().text(),
      });
      return answer(request);
    }) as typeof fetch,
  };
  const discoveryApi = {
    getBaseUrl: async (id: string) => `http://backend.test/api/${id}`,
  };
  return { client: new ConciergeClient({ discoveryApi, fetchApi }), sent };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('ConciergeClient', () => {
  it('lists with repeated states and leaves out empty filters', async () => {
    const { client, sent } = fakeBackend(() =>
      json({ items: [], totalCount: 0 }),
    );
    await client.list({
      mine: true,
      state: ['pending', 'active'],
      resourceRef: '',
      limit: 5,
    });
    expect(sent[0].method).toBe('GET');
    expect(sent[0].url).toBe(
      'http://backend.test/api/concierge/requests?mine=true&state=pending&state=active&limit=5',
    );
  });

  it('sends the idempotency key and the JSON body when asking for access', async () => {
    const { client, sent } = fakeBackend(() => json({ id: 'r1' }, 201));
    const body = {
      resourceRef: 'resource:default/orders-db',
      accessLevel: 'read' as const,
      durationMinutes: 30,
      justification: 'Look at the orders of INC-12',
    };
    await expect(
      client.create(body, { idempotencyKey: 'key-0123456789' }),
    ).resolves.toEqual({ id: 'r1' });
    expect(sent[0].url).toBe('http://backend.test/api/concierge/requests');
    expect(sent[0].headers.get('Idempotency-Key')).toBe('key-0123456789');
    expect(sent[0].headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(sent[0].body)).toEqual(body);
  });

  it('acts as the chosen demo user on every call until switched back', async () => {
    const { client, sent } = fakeBackend(() => json({}));
    client.setActingUser('user:default/sofia');
    await client.whoami();
    await client.approve('r1');
    client.setActingUser(undefined);
    await client.whoami();
    expect(sent.map(s => s.headers.get('x-souverain-act-as'))).toEqual([
      'user:default/sofia',
      'user:default/sofia',
      null,
    ]);
    expect(sent[1].url).toBe(
      'http://backend.test/api/concierge/requests/r1/approve',
    );
    expect(JSON.parse(sent[1].body)).toEqual({});
  });

  it('reads the audit export as text', async () => {
    const lines = '{"seq":1}\n{"seq":2}\n';
    const { client } = fakeBackend(
      () =>
        new Response(lines, {
          headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8' },
        }),
    );
    await expect(client.exportLines()).resolves.toBe(lines);
  });

  it("throws the backend's error, with its message", async () => {
    const { client } = fakeBackend(() =>
      json(
        {
          error: {
            name: 'InputError',
            message: "request/body must have required property 'comment'",
          },
          request: {},
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    const error = await client.deny('r1', '').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.body.error.message).toBe(
      "request/body must have required property 'comment'",
    );
    expect(error.statusCode).toBe(400);
  });
});
