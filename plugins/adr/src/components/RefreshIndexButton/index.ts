export { RefreshIndexButton } from './RefreshIndexButton';
export type { RefreshIndexButtonProps } from './RefreshIndexButton';
