export { AdrMarkdown } from './AdrMarkdown';
export type { AdrMarkdownProps } from './AdrMarkdown';
