export { MultiFacet, StatusFacet } from './Facets';
