export { TimeLeft } from './TimeLeft';
export type { TimeLeftProps } from './TimeLeft';
