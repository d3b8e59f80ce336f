import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import localFileUrlReaderFactory from '.';

describe('localFileUrlReaderFactory', () => {
  let root: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'local-files-')));
    fs.mkdirSync(path.join(root, 'examples/adr'), { recursive: true });
    fs.writeFileSync(path.join(root, 'examples/adr/0001-first.md'), '# First\n');
    fs.writeFileSync(path.join(root, 'outside.md'), '# Outside\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Starts a backend with the factory and returns the UrlReader a plugin gets. */
  async function readerOfAPlugin(roots?: string[]) {
    let reader: typeof coreServices.urlReader.T | undefined;
    const plugin = createBackendPlugin({
      pluginId: 'any',
      register(env) {
        env.registerInit({
          deps: { urlReader: coreServices.urlReader },
          async init({ urlReader }) {
            reader = urlReader;
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        localFileUrlReaderFactory,
        mockServices.rootConfig.factory({
          data: roots ? { souverain: { localFiles: { roots } } } : {},
        }),
        plugin,
      ],
    });
    return { reader: reader!, backend };
  }

  it("lets every plugin's UrlReader read file: URLs below the configured roots", async () => {
    const { reader, backend } = await readerOfAPlugin([path.join(root, 'examples')]);
    try {
      const file = await reader.readUrl(pathToFileURL(path.join(root, 'examples/adr/0001-first.md')).href);
      expect((await file.buffer()).toString()).toBe('# First\n');
      const tree = await reader.readTree(pathToFileURL(path.join(root, 'examples/adr')).href);
      expect((await tree.files()).map(f => f.path)).toEqual(['0001-first.md']);
      await expect(
        reader.readUrl(pathToFileURL(path.join(root, 'outside.md')).href),
      ).rejects.toThrow();
    } finally {
      await backend.stop();
    }
  });

  it('adds no reader when no root is configured', async () => {
    const { reader, backend } = await readerOfAPlugin();
    try {
      await expect(
        reader.readUrl(pathToFileURL(path.join(root, 'examples/adr/0001-first.md')).href),
      ).rejects.toThrow();
    } finally {
      await backend.stop();
    }
  });
});
