import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import { AdrStore } from '../database/AdrStore';
import { AdrIndexer } from '../indexer/AdrIndexer';
import { createOpenApiRouter } from '../schema/openapi';
import { ReadThroughCache } from './ReadThroughCache';
import { GetGraphModelImpl } from './endpoints/GetGraph.model';
import { bindGetGraphEndpoint } from './endpoints/GetGraph.router';
import { GetRecordModelImpl } from './endpoints/GetRecord.model';
import { bindGetRecordEndpoint } from './endpoints/GetRecord.router';
import { GetStatsModelImpl } from './endpoints/GetStats.model';
import { bindGetStatsEndpoints } from './endpoints/GetStats.router';
import { ListRecordsModelImpl } from './endpoints/ListRecords.model';
import { bindListRecordsEndpoint } from './endpoints/ListRecords.router';
import { RefreshIndexModelImpl } from './endpoints/RefreshIndex.model';
import { bindRefreshIndexEndpoint } from './endpoints/RefreshIndex.router';

/** What the router needs. */
export interface RouterOptions {
  store: AdrStore;
  indexer: AdrIndexer;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  /** How long read answers are reused when no local refresh clears them. Default 15 s; 0 turns the cache off. */
  cacheTtlMs?: number;
}

/**
 * The decision browser's HTTP API, validated against src/schema/openapi.yaml. Every route needs a
 * signed-in user or a backend service.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, httpAuth } = options;
  const { router, api } = await createOpenApiRouter({ jsonLimit: '16kb' });
  const cache = new ReadThroughCache(options.cacheTtlMs ?? 15_000);
  options.indexer.onChange(() => cache.clear());

  api.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  bindListRecordsEndpoint(api, {
    model: new ListRecordsModelImpl(store),
    httpAuth,
    cache,
  });
  bindGetRecordEndpoint(api, {
    model: new GetRecordModelImpl(store),
    httpAuth,
    cache,
  });
  bindGetGraphEndpoint(api, {
    model: new GetGraphModelImpl(store),
    httpAuth,
    cache,
  });
  bindGetStatsEndpoints(api, {
    model: new GetStatsModelImpl(store),
    httpAuth,
    cache,
  });
  bindRefreshIndexEndpoint(api, {
    model: new RefreshIndexModelImpl({
      indexer: options.indexer,
      permissions: options.permissions,
    }),
    httpAuth,
    auditor: options.auditor,
  });
  return router;
}
