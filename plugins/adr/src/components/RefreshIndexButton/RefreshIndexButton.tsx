import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import RefreshIcon from '@mui/icons-material/Refresh';
import Button from '@mui/material/Button';
import {
  AdrRefreshSummary,
  adrIndexRefreshPermission,
} from '@souverain/plugin-adr-common';
import { useState } from 'react';
import { adrApiRef } from '../../api';

/** Props of {@link RefreshIndexButton}. */
export interface RefreshIndexButtonProps {
  /** Re-reads only this entity's folder; the whole index otherwise. */
  entityRef?: string;
  onRefreshed: (summary: AdrRefreshSummary) => void;
  onError: (error: Error) => void;
}

/** The button that re-reads every ADR folder now, for those allowed to. */
export function RefreshIndexButton(props: RefreshIndexButtonProps) {
  const { entityRef, onRefreshed, onError } = props;
  const api = useApi(adrApiRef);
  const { allowed } = usePermission({ permission: adrIndexRefreshPermission });
  const [busy, setBusy] = useState(false);
  if (!allowed) {
    return null;
  }
  const refresh = async () => {
    setBusy(true);
    try {
      onRefreshed(await api.refresh(entityRef ? { entityRef } : {}));
    } catch (error) {
      onError(error as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="outlined"
      startIcon={<RefreshIcon />}
      onClick={refresh}
      disabled={busy}
    >
      {busy ? 'Refreshing…' : 'Refresh index'}
    </Button>
  );
}
