/**
 * Souverain's scaffolder actions: `souverain:adr:record` and the golden services' validate,
 * stamp and publish steps. The default export adds them all; the action creators are exported
 * for backends that compose their own module.
 *
 * @packageDocumentation
 */
export { scaffolderModuleSouverain as default } from './module';
export { createRecordDecisionAction } from './actions/recordDecision';
export { createValidateServiceAction } from './actions/golden/validateService';
export { createStampTemplateAction } from './actions/golden/stampTemplate';
export { createPublishLocalAction } from './actions/golden/publishLocal';
