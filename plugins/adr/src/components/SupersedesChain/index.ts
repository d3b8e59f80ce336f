export { SupersedesChain, orderChain } from './SupersedesChain';
