/**
 * Souverain's scaffolder actions.
 *
 * @packageDocumentation
 */
export { scaffolderModuleSouverain as default } from './module';
export {
  createRecordDecisionAction,
  renderDecisionRecord,
  slugify,
  githubTarget,
  LOCAL_WRITE_CONFIG,
} from './actions/recordDecision';
export {
  createValidateServiceAction,
  githubRepository,
  PLATFORM_ADRS_ENTITY_CONFIG,
} from './actions/golden/validateService';
export { createStampTemplateAction, stampCatalogInfo } from './actions/golden/stampTemplate';
export {
  createPublishLocalAction,
  LOCAL_PUBLISH_ENABLED_CONFIG,
  LOCAL_PUBLISH_ROOT_CONFIG,
} from './actions/golden/publishLocal';
