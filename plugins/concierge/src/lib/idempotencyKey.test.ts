import { newIdempotencyKey } from './idempotencyKey';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newIdempotencyKey', () => {
  it('makes a fresh UUID each time', () => {
    const first = newIdempotencyKey();
    expect(first).toMatch(UUID_V4);
    expect(newIdempotencyKey()).not.toBe(first);
  });

  it('makes one outside secure contexts too, where randomUUID is missing', () => {
    const target = globalThis.crypto as unknown as { randomUUID?: unknown };
    const own = Object.getOwnPropertyDescriptor(target, 'randomUUID');
    Object.defineProperty(target, 'randomUUID', { value: undefined, configurable: true });
    try {
      const first = newIdempotencyKey();
      expect(first).toMatch(UUID_V4);
      expect(newIdempotencyKey()).not.toBe(first);
    } finally {
      if (own) Object.defineProperty(target, 'randomUUID', own);
      else delete target.randomUUID;
    }
    expect(typeof crypto.randomUUID).toBe('function');
  });
});
