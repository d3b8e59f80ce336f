import {
  ApiBlueprint,
  discoveryApiRef,
  ExtensionDefinition,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import GavelIcon from '@mui/icons-material/Gavel';
import { ADR_ENTITY_KINDS, isAdrAvailable } from '@souverain/plugin-adr-common';
import { AdrClient, adrApiRef } from './api';
import { rootRouteRef } from './routes';

/** Provides {@link adrApiRef} over HTTP through Backstage's discovery and fetch APIs. */
export const adrApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: adrApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new AdrClient({ discoveryApi, fetchApi }),
    }),
});

/** Components, systems and domains that name an ADR folder. */
export function hasDecisions(entity: Entity): boolean {
  return ADR_ENTITY_KINDS.includes(entity.kind) && isAdrAvailable(entity);
}

/** `/decisions`: every record, with search and filters; `/decisions/:id`: one record. */
export const decisionsPage = PageBlueprint.make({
  params: {
    path: '/decisions',
    title: 'Decisions',
    icon: <GavelIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () => import('./components/DecisionsRouter').then(m => <m.DecisionsRouter />),
  },
});

/** The "Decisions" tab of an entity with an ADR folder. */
export const entityDecisionsContent: ExtensionDefinition = EntityContentBlueprint.make({
  params: {
    path: 'decisions',
    title: 'Decisions',
    filter: hasDecisions,
    loader: () =>
      import('./components/EntityDecisionsContent').then(m => <m.EntityDecisionsContent />),
  },
});

/** The "Latest decisions" card on an entity's overview. */
export const latestDecisionsCard: ExtensionDefinition = EntityCardBlueprint.make({
  name: 'latest-decisions',
  params: {
    filter: hasDecisions,
    loader: () => import('./components/LatestDecisionsCard').then(m => <m.LatestDecisionsCard />),
  },
});

/** Decision records among the global search results (document type `adr`). */
export const adrSearchResultItem = SearchResultListItemBlueprint.make({
  name: 'adr',
  params: {
    predicate: result => result.type === 'adr',
    icon: <GavelIcon />,
    component: () =>
      import('./components/AdrSearchResultItem').then(m => m.AdrSearchResultItem as any),
  },
});
