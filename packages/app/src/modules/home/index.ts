export { homePlugin } from './homePlugin';
