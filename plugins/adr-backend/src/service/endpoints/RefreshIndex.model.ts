import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AdrRefreshSummary,
  adrIndexRefreshPermission,
} from '@souverain/plugin-adr-common';
import { AdrIndexer } from '../../indexer/AdrIndexer';
import { normalizeEntityRef } from '../entityRefs';

/** Re-reads ADR folders now, for those allowed to. */
export interface RefreshIndexModel {
  refresh(options: {
    entityRef?: string;
    credentials: BackstageCredentials;
  }): Promise<AdrRefreshSummary>;
}

/** {@link RefreshIndexModel} over the indexer, behind the `adr.index.refresh` permission. */
export class RefreshIndexModelImpl implements RefreshIndexModel {
  constructor(
    private readonly deps: {
      indexer: AdrIndexer;
      permissions: PermissionsService;
    },
  ) {}

  async refresh(options: {
    entityRef?: string;
    credentials: BackstageCredentials;
  }): Promise<AdrRefreshSummary> {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: adrIndexRefreshPermission }],
      { credentials: options.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'Only portal admins may force a refresh of the decision index',
      );
    }
    return options.entityRef
      ? this.deps.indexer.refreshEntity(
          normalizeEntityRef(options.entityRef, 'request/body/entityRef'),
        )
      : this.deps.indexer.refreshAll();
  }
}
