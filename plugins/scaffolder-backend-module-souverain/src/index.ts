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
