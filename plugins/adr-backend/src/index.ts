/**
 * Backend of the Souverain decision browser: the ADR index, its API, its search collator and a
 * UrlReader for local files.
 *
 * @packageDocumentation
 */
export { adrPlugin as default, ADR_REFRESH_TASK_ID } from './plugin';
export { searchModuleAdrCollator } from './search/module';
export { AdrCollatorFactory } from './search/AdrCollatorFactory';
export {
  localFileUrlReaderFactory,
  LocalFileUrlReader,
  LOCAL_FILES_ROOTS_CONFIG,
} from './reading/LocalFileUrlReader';
export type { AdrStore } from './database/AdrStore';
export { resolveAdrFolderUrl } from './indexer/locations';
export { adrRecordId } from './indexer/AdrIndexer';
