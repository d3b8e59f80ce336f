export { ChangelogList } from './ChangelogList';
export type { ChangelogListProps } from './ChangelogList';
