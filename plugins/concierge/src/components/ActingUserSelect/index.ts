export { ActingUserSelect } from './ActingUserSelect';
export type { ActingUserSelectProps } from './ActingUserSelect';
