import {
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError, isError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ADR_DEFAULT_MAX_BYTES,
  ADR_ENTITY_KINDS,
  ADR_LOCATION_ANNOTATION,
  AdrEntityInfo,
  AdrRefreshSummary,
  isAdrFileName,
  parseAdr,
} from '@souverain/plugin-adr-common';
import { createHash } from 'node:crypto';
import { AdrStore, IndexedAdr, NewAdrProblem } from '../database/AdrStore';
import { formatAdrProblem } from '../database/DatabaseAdrStore';
import { adrRecordId, fileUrlInFolder, resolveAdrFolderUrl } from '@souverain/plugin-adr-node';

/** Bump when parsing changes, so that every record is parsed again. */
const PARSER_VERSION = '1';

/** Options of {@link AdrIndexer}. */
export interface AdrIndexerOptions {
  store: AdrStore;
  catalog: CatalogService;
  auth: AuthService;
  reader: UrlReaderService;
  integrations: ScmIntegrationRegistry;
  logger: LoggerService;
  /** Largest file parsed, in bytes. */
  maxFileBytes?: number;
  /** How many ADR folders are read at once. */
  concurrency?: number;
}

interface EntityResult {
  records: number;
  added: number;
  updated: number;
  removed: number;
  problems: number;
}

function relationTarget(entity: Entity, type: string, kind?: string): string | undefined {
  return entity.relations?.find(
    r => r.type === type && (!kind || parseEntityRef(r.targetRef).kind === kind),
  )?.targetRef;
}

/**
 * Reads the ADR folder of every annotated catalog entity through the UrlReader, parses what
 * changed and stores it. One folder failing never stops the run nor drops other entities.
 */
export class AdrIndexer {
  private running?: Promise<AdrRefreshSummary>;
  private readonly listeners: Array<() => void> = [];
  private readonly maxFileBytes: number;
  private readonly concurrency: number;

  constructor(private readonly options: AdrIndexerOptions) {
    this.maxFileBytes = options.maxFileBytes ?? ADR_DEFAULT_MAX_BYTES;
    this.concurrency = options.concurrency ?? 8;
  }

  /** Calls the listener after every refresh, e.g. to drop cached answers. */
  onChange(listener: () => void) {
    this.listeners.push(listener);
  }

  private changed() {
    for (const listener of this.listeners) listener();
  }

  /** Refreshes every entity; a refresh already running is joined rather than repeated. */
  refreshAll(): Promise<AdrRefreshSummary> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = undefined;
        this.changed();
      });
    }
    return this.running;
  }

  /** Refreshes one entity now, reading its folder even when it looks unchanged. */
  async refreshEntity(entityRef: string): Promise<AdrRefreshSummary> {
    const startedAt = new Date();
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const entity = await this.options.catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    if (!entity.metadata.annotations?.[ADR_LOCATION_ANNOTATION]) {
      throw new NotFoundError(`${entityRef} has no ${ADR_LOCATION_ANNOTATION} annotation`);
    }
    const domains = await this.systemDomains([entity]);
    try {
      const result = await this.indexEntity(entity, domains, true);
      await this.options.store.resolveLinks();
      return await this.summarise(startedAt, 1, result);
    } finally {
      this.changed();
    }
  }

  private async run(): Promise<AdrRefreshSummary> {
    const startedAt = new Date();
    const { catalog, auth, store, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      {
        filter: ADR_ENTITY_KINDS.map(kind => ({
          kind,
          [`metadata.annotations.${ADR_LOCATION_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
        })),
      },
      { credentials },
    );
    const domains = await this.systemDomains(items);
    const total: EntityResult = { records: 0, added: 0, updated: 0, removed: 0, problems: 0 };
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const entity = items[next++];
        try {
          const result = await this.indexEntity(entity, domains, false);
          total.added += result.added;
          total.updated += result.updated;
          total.removed += result.removed;
          total.problems += result.problems;
        } catch (error) {
          // A store failure for one entity: log it and go on with the others
          logger.error(
            `Could not index the decisions of ${stringifyEntityRef(entity)}: ${
              isError(error) ? error.message : String(error)
            }`,
          );
          total.problems += 1;
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.concurrency, items.length) }, () => worker()),
    );
    total.removed += await store.retainEntities(items.map(e => stringifyEntityRef(e)));
    await store.resolveLinks();
    const summary = await this.summarise(startedAt, items.length, total);
    await store.saveRefreshRun(summary);
    logger.info(
      `Decision index refreshed: ${summary.entities} entities, ${summary.records} records, ` +
        `${summary.added} added, ${summary.updated} updated, ${summary.removed} removed, ` +
        `${summary.problems} problems, in ${summary.durationMs} ms`,
    );
    return summary;
  }

  private async summarise(
    startedAt: Date,
    entities: number,
    result: EntityResult,
  ): Promise<AdrRefreshSummary> {
    const finishedAt = new Date();
    const stats = await this.options.store.list({ limit: 1 });
    return {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      entities,
      records: stats.totalCount,
      added: result.added,
      updated: result.updated,
      removed: result.removed,
      problems: result.problems,
      durationMs: finishedAt.getTime() - startedAt.getTime(),
    };
  }

  /** The domain of every system the entities belong to, for components' domain facet. */
  private async systemDomains(entities: Entity[]): Promise<Map<string, string>> {
    const systems = [
      ...new Set(
        entities
          .map(e => relationTarget(e, RELATION_PART_OF, 'system'))
          .filter((ref): ref is string => Boolean(ref)),
      ),
    ];
    const domains = new Map<string, string>();
    if (systems.length === 0) return domains;
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: systems, fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'] },
      { credentials },
    );
    for (const system of items) {
      const domain = system && relationTarget(system, RELATION_PART_OF, 'domain');
      if (system && domain) domains.set(stringifyEntityRef(system), domain);
    }
    return domains;
  }

  private entityInfo(entity: Entity, domains: Map<string, string>): AdrEntityInfo {
    const entityRef = stringifyEntityRef(entity);
    const kind = entity.kind.toLocaleLowerCase('en-US');
    const system =
      kind === 'system' ? entityRef : relationTarget(entity, RELATION_PART_OF, 'system');
    let domain: string | undefined;
    if (kind === 'domain') domain = entityRef;
    else if (kind === 'system') domain = relationTarget(entity, RELATION_PART_OF, 'domain');
    else if (system) domain = domains.get(system);
    return {
      entityRef,
      kind: entity.kind,
      ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
      ...(system ? { system } : {}),
      ...(domain ? { domain } : {}),
      ...(relationTarget(entity, RELATION_OWNED_BY)
        ? { owner: relationTarget(entity, RELATION_OWNED_BY) }
        : {}),
    };
  }

  private async indexEntity(
    entity: Entity,
    domains: Map<string, string>,
    force: boolean,
  ): Promise<EntityResult> {
    const { store, reader, integrations, logger } = this.options;
    const info = this.entityInfo(entity, domains);
    const entityRef = info.entityRef;
    const none: EntityResult = { records: 0, added: 0, updated: 0, removed: 0, problems: 0 };

    let folderUrl: string;
    try {
      folderUrl = resolveAdrFolderUrl(entity, integrations);
    } catch (error) {
      const message = isError(error) ? error.message : String(error);
      await store.recordEntityFailure(entityRef, [
        { entityRef, path: null, url: null, severity: 'error', message },
      ]);
      logger.warn(`ADR folder of ${entityRef} rejected: ${message}`);
      return { ...none, problems: 1 };
    }

    const state = await store.getEntityState(entityRef);
    const infoHash = JSON.stringify(info);
    const etag =
      !force && state?.state === 'ok' && state.folderUrl === folderUrl
        ? state.etag ?? undefined
        : undefined;
    let tree;
    try {
      tree = await reader.readTree(folderUrl, {
        etag,
        filter: path => isAdrFileName(path),
      });
    } catch (error) {
      if (isError(error) && error.name === 'NotModifiedError') {
        // Unchanged folder; the entity's own metadata may still have changed
        const stored = await store.list({ entityRef: [entityRef], limit: 1 });
        const sample = stored.items[0];
        const same =
          !sample ||
          (sample.owner === info.owner &&
            sample.system === info.system &&
            sample.entityTitle === info.title &&
            sample.domain === info.domain);
        if (same) {
          await store.touchEntity(entityRef);
          return none;
        }
        return this.indexEntity(entity, domains, true);
      }
      let message: string;
      if (isError(error) && error.name === NotFoundError.name) {
        message = `ADR folder ${folderUrl} does not exist (from ${ADR_LOCATION_ANNOTATION} "${entity.metadata.annotations?.[ADR_LOCATION_ANNOTATION]}")`;
      } else if (isError(error) && error.name === NotAllowedError.name) {
        message = `ADR folder ${folderUrl} may not be read: ${error.message}`;
      } else {
        message = `ADR folder ${folderUrl} could not be read: ${
          isError(error) ? error.message : String(error)
        }`;
      }
      const kept = (await store.getEntityHashes(entityRef)).size;
      await store.recordEntityFailure(entityRef, [
        {
          entityRef,
          path: null,
          url: folderUrl,
          severity: 'error',
          message: kept > 0 ? `${message}; the ${kept} records indexed before are kept` : message,
        },
      ]);
      logger.warn(`ADR folder of ${entityRef}: ${message}`);
      return { ...none, problems: 1 };
    }

    const previous = await store.getEntityHashes(entityRef);
    const files = await tree.files();
    const records: IndexedAdr[] = [];
    const unchangedIds: string[] = [];
    const problems: NewAdrProblem[] = [];
    for (const file of files) {
      const id = adrRecordId(entityRef, file.path);
      const url = fileUrlInFolder(folderUrl, file.path);
      let buffer: Buffer;
      try {
        buffer = await file.content();
      } catch (error) {
        problems.push({
          entityRef,
          path: file.path,
          url,
          severity: 'error',
          message: `Could not be read: ${isError(error) ? error.message : String(error)}`,
        });
        continue;
      }
      const contentHash = createHash('sha256')
        .update(PARSER_VERSION)
        .update(infoHash)
        .update(buffer)
        .digest('hex');
      const before = previous.get(id);
      if (before && before.contentHash === contentHash) {
        unchangedIds.push(id);
        problems.push(...before.problems.map(p => ({ ...p, entityRef, path: file.path, url })));
        continue;
      }
      const parsed = parseAdr(buffer.toString('utf8'), {
        path: file.path,
        maxBytes: this.maxFileBytes,
      });
      problems.push(
        ...parsed.problems.map(p => ({ ...formatAdrProblem(p), entityRef, path: file.path, url })),
      );
      if (parsed.body === '') {
        // Empty, binary or too large: a problem, not a record
        continue;
      }
      records.push({ id, entity: info, parsed, url, folderUrl, contentHash });
    }
    const result = await store.replaceEntityRecords({
      entityRef,
      records,
      unchangedIds,
      problems,
      state: { entityRef, folderUrl, etag: tree.etag, state: 'ok' },
    });
    return {
      records: records.length + unchangedIds.length,
      ...result,
      problems: problems.length,
    };
  }
}
