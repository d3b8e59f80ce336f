/**
 * Node parts of the Souverain decision browser, for other backend plugins and modules: the
 * decision index as a service, where an entity's ADR folder is, and the id of a record.
 *
 * @packageDocumentation
 */
export * from './AdrIndexService';
export { resolveAdrFolderUrl, fileUrlInFolder } from './locations';
export { adrRecordId } from './recordId';
