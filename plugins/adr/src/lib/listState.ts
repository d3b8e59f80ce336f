import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useLocation } from 'react-router-dom';
import { rootRouteRef } from '../routes';

/** Router state carried from the list to record views, so "All decisions" keeps the filters. */
export interface DecisionsListState {
  decisionsSearch?: string;
}

/** The list's search (`?status=accepted...`) the user came from, if any. */
export function useListSearch(): string {
  const state = useLocation().state as DecisionsListState | null;
  const search = state?.decisionsSearch;
  return typeof search === 'string' && search.startsWith('?') ? search : '';
}

/** The state to give links to record views: the list's search, kept from page to page. */
export function useRecordLinkState(): DecisionsListState | undefined {
  const location = useLocation();
  const rootLink = useRouteRef(rootRouteRef);
  const inherited = useListSearch();
  // On the Decisions page itself, the current search; on a record view, what it was opened with.
  const onList = rootLink !== undefined && location.pathname.replace(/\/$/, '') === rootLink();
  const search = onList ? location.search : inherited;
  return search ? { decisionsSearch: search } : undefined;
}
