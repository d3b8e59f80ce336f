import fs from 'node:fs';
import path from 'node:path';
import { isAdrFileName } from './adrFields';
import { parseAdr } from './parseAdr';

// The demo ADRs in examples/adr are what a newcomer sees first: every one must parse cleanly.
const root = path.resolve(__dirname, '../../../examples/adr');

describe('demo decision records', () => {
  const files = fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter(file => isAdrFileName(file));

  it('exist in every demo folder', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)('%s parses with a title, status, date and no problems', file => {
    const adr = parseAdr(fs.readFileSync(path.join(root, file), 'utf8'), { path: file });
    expect(adr.problems).toEqual([]);
    expect(adr.status).not.toBeNull();
    expect(adr.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(adr.number).not.toBeNull();
    expect(adr.summary.length).toBeGreaterThan(20);
    // Every supersedes / superseded-by link points at a record of the same folder
    const siblings = files.filter(f => path.dirname(f) === path.dirname(file));
    for (const link of adr.links.filter(l => l.type.startsWith('supersede'))) {
      expect(siblings.some(f => parseAdr('', { path: f }).number === link.number)).toBe(true);
    }
  });

  it('name the successor of every superseded record', () => {
    const superseded = files
      .map(f => parseAdr(fs.readFileSync(path.join(root, f), 'utf8'), { path: f }))
      .filter(a => a.status === 'superseded');
    expect(superseded.every(a => a.links.some(l => l.type === 'superseded-by'))).toBe(true);
  });

  it('include supersedes chains in both directions', () => {
    const all = files.map(f => parseAdr(fs.readFileSync(path.join(root, f), 'utf8'), { path: f }));
    expect(all.filter(a => a.links.some(l => l.type === 'supersedes')).length).toBeGreaterThanOrEqual(3);
    expect(all.filter(a => a.status === 'superseded').length).toBeGreaterThanOrEqual(3);
  });
});
