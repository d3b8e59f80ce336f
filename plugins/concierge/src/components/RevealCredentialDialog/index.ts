export { RevealCredentialDialog } from './RevealCredentialDialog';
export type { RevealCredentialDialogProps } from './RevealCredentialDialog';
