/**
 * Common parts of the Souverain decision browser: the ADR parser, types, permissions and
 * the HTTP client.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './parseAdr';
export {
  adrNumberFromFileName,
  describeAdrFormat,
  findAdrSection,
  isAdrFileName,
  normaliseAdrDate,
  normaliseAdrStatus,
  parseAdrReference,
} from './adrFields';
export * from './permissions';
export * from './annotations';
export * from './client';
export * from './schema/openapi';
