import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LocalFileUrlReader } from './LocalFileUrlReader';

describe('LocalFileUrlReader.search (how the catalog reads url locations)', () => {
  let root: string;
  let reader: LocalFileUrlReader;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'local-reader-')));
    fs.mkdirSync(path.join(root, 'allowed'));
    fs.writeFileSync(path.join(root, 'allowed/all.yaml'), 'kind: Location\n');
    fs.writeFileSync(path.join(root, 'private.yaml'), 'secret: true\n');
    reader = new LocalFileUrlReader([path.join(root, 'allowed')]);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const url = (p: string) => pathToFileURL(path.join(root, p)).href;

  it('finds an existing file with its content, and nothing for a missing one', async () => {
    const found = await reader.search(url('allowed/all.yaml'));
    expect(found.files.map(f => f.url)).toEqual([url('allowed/all.yaml')]);
    expect((await found.files[0].content()).toString()).toBe('kind: Location\n');
    await expect(reader.search(url('allowed/missing.yaml'))).resolves.toEqual({ files: [], etag: '' });
  });

  it('answers "not modified" for an unchanged file', async () => {
    const { etag } = await reader.search(url('allowed/all.yaml'));
    await expect(reader.search(url('allowed/all.yaml'), { etag })).rejects.toThrow(
      expect.objectContaining({ name: 'NotModifiedError' }),
    );
  });

  it('refuses files outside its roots, through symlinks too, and glob patterns', async () => {
    await expect(reader.search(url('private.yaml'))).rejects.toThrow('outside the folders');
    fs.symlinkSync(path.join(root, 'private.yaml'), path.join(root, 'allowed/link.yaml'));
    await expect(reader.search(url('allowed/link.yaml'))).rejects.toThrow('outside the folders');
    await expect(reader.search(url('allowed/*.yaml'))).rejects.toThrow('Glob patterns');
  });
});
