import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import express from 'express';
import searchModuleAdrCollator from '.';

// A stand-in for the decision browser's list route, which only answers service callers here.
const fakeAdrPlugin = createBackendPlugin({
  pluginId: 'adr',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter, httpAuth: coreServices.httpAuth },
      async init({ httpRouter, httpAuth }) {
        const router = express.Router();
        router.get('/records', async (req, res) => {
          await httpAuth.credentials(req, { allow: ['service'] });
          res.json({
            items: [
              {
                id: 'a'.repeat(40),
                entityRef: 'component:default/ledger',
                number: 3,
                title: 'Use PostgreSQL',
                status: 'accepted',
                date: '2026-11-25',
                tags: [],
                summary: 'The ledger needs transactions.',
                body: req.query.include === 'body' ? '# Use PostgreSQL' : undefined,
              },
            ],
            totalCount: 1,
            limit: 200,
            offset: 0,
          });
        });
        httpRouter.use(router);
      },
    });
  },
});

describe('searchModuleAdrCollator', () => {
  it('registers a collator that reads the decision browser as the search plugin', async () => {
    const factories: DocumentCollatorFactory[] = [];
    const backend = await startTestBackend({
      extensionPoints: [
        [
          searchIndexRegistryExtensionPoint,
          { addCollator: ({ factory }) => factories.push(factory) },
        ],
      ],
      features: [fakeAdrPlugin, searchModuleAdrCollator],
    });
    try {
      expect(factories.map(f => f.type)).toEqual(['adr']);
      const documents = [];
      for await (const document of await factories[0].getCollator()) documents.push(document);
      expect(documents).toEqual([
        expect.objectContaining({
          title: 'ADR-0003: Use PostgreSQL',
          text: 'The ledger needs transactions.\n\n# Use PostgreSQL',
          location: `/decisions/${'a'.repeat(40)}`,
        }),
      ]);
    } finally {
      await backend.stop();
    }
  });
});
