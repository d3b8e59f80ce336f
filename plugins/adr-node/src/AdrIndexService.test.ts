import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import express from 'express';
import { AdrIndexService, adrIndexServiceRef } from './AdrIndexService';

// A stand-in for the decision browser: it answers /refresh with who called it, as the real
// router would see the caller.
const fakeAdrPlugin = createBackendPlugin({
  pluginId: 'adr',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter, httpAuth: coreServices.httpAuth },
      async init({ httpRouter, httpAuth }) {
        const router = express.Router();
        router.use(express.json());
        router.post('/refresh', async (req, res) => {
          const credentials = await httpAuth.credentials(req, { allow: ['service'] });
          res.json({
            caller: credentials.principal.subject,
            entityRef: req.body.entityRef,
          });
        });
        httpRouter.use(router);
      },
    });
  },
});

describe('adrIndexServiceRef', () => {
  it('calls the decision browser as the plugin that uses it, with no user request around', async () => {
    let adrIndex: AdrIndexService | undefined;
    const scaffolderModule = createBackendModule({
      pluginId: 'scaffolder',
      moduleId: 'test',
      register(env) {
        env.registerInit({
          deps: { adr: adrIndexServiceRef },
          async init({ adr }) {
            adrIndex = adr;
          },
        });
      },
    });
    const scaffolder = createBackendPlugin({
      pluginId: 'scaffolder',
      register(env) {
        env.registerInit({ deps: {}, async init() {} });
      },
    });

    const backend = await startTestBackend({
      features: [fakeAdrPlugin, scaffolder, scaffolderModule],
    });
    try {
      const answer = await adrIndex!.refresh({ entityRef: 'component:default/ledger' });
      expect(answer).toEqual({
        caller: 'plugin:scaffolder',
        entityRef: 'component:default/ledger',
      });
    } finally {
      await backend.stop();
    }
  });
});
