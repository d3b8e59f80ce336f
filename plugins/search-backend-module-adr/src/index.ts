/**
 * Adds the Souverain decision records to Backstage search (document type `adr`), read from the
 * decision browser's API.
 *
 * @packageDocumentation
 */
export { searchModuleAdrCollator as default } from './module';
export { AdrCollatorFactory } from './AdrCollatorFactory';
export type { AdrDocument, AdrCollatorFactoryOptions } from './AdrCollatorFactory';
