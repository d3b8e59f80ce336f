/**
 * A UrlReader for `file:` URLs below the folders listed in `souverain.localFiles.roots`, added
 * backend-wide with `backend.add(import('@souverain/backend-module-local-files'))`.
 *
 * @packageDocumentation
 */
export {
  localFileUrlReaderFactory as default,
  localFileUrlReaderFactory,
  LocalFileUrlReader,
  LOCAL_FILES_ROOTS_CONFIG,
} from './LocalFileUrlReader';
