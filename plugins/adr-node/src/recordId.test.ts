import { adrRecordId } from './recordId';

describe('adrRecordId', () => {
  it('gives the same 40-character id for the same entity and file, every time', () => {
    const id = adrRecordId('component:default/ledger', '0001-use-postgresql.md');
    expect(id).toMatch(/^[a-f0-9]{40}$/);
    expect(adrRecordId('component:default/ledger', '0001-use-postgresql.md')).toBe(id);
  });

  it('tells apart the same file name on two entities, and two files of one entity', () => {
    const ids = new Set([
      adrRecordId('component:default/ledger', '0001-a.md'),
      adrRecordId('component:default/payments', '0001-a.md'),
      adrRecordId('component:default/ledger', '0002-a.md'),
      // Without a separator these two would hash the same text
      adrRecordId('component:default/ledger0', '001-a.md'),
    ]);
    expect(ids.size).toBe(4);
  });
});
