export { GoldenTemplateCard } from './GoldenTemplateCard';
