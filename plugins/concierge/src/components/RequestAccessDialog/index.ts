export { RequestAccessDialog } from './RequestAccessDialog';
export type { RequestAccessDialogProps } from './RequestAccessDialog';
export { DURATION_CHOICES, durationChoices, effectiveDuration } from './durations';
export { PolicyPreview } from './PolicyPreview';
export type { PolicyPreviewProps } from './PolicyPreview';
