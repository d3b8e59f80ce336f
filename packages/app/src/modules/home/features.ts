/** A portal capability shown on the landing page. */
export interface PortalFeature {
  title: string;
  description: string;
  /** Where the feature lives; absent while it is still being built. */
  path?: string;
}

/**
 * What the portal offers, in the order a newcomer meets it. Features without a
 * path are announced as "coming soon" until their plugin lands and fills it in.
 */
export const portalFeatures: PortalFeature[] = [
  {
    title: 'Create a service',
    description: 'Golden templates: CI, Dockerfile, docs and ADRs from the first commit.',
    path: '/create',
  },
  {
    title: 'Software catalog',
    description: 'Every component, API, resource and team of the org, and how they relate.',
    path: '/catalog',
  },
  {
    title: 'APIs',
    description: 'OpenAPI and AsyncAPI contracts, with who provides and who consumes them.',
    path: '/api-docs',
  },
  {
    title: 'Decisions',
    description: 'Every architecture decision record in the org, searchable and linked.',
    path: '/decisions',
  },
  {
    title: 'Access requests',
    description: 'Time-bound access to databases and APIs, approved and audited.',
    path: '/access',
  },
  {
    title: 'Delivery gates',
    description: 'Gates 0 to 5 for each service, and which check blocks it.',
  },
  {
    title: 'SLOs and error budgets',
    description: 'Which services burn their error budget fastest.',
  },
  {
    title: 'Costs',
    description: 'Cost per team and tenant against budget, with the trend.',
  },
];
