export { AdrSearchResultItem } from './AdrSearchResultItem';
