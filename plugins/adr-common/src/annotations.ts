import { Entity } from '@backstage/catalog-model';

/** Folder of ADR markdown files, relative to the entity's source location. */
export const ADR_LOCATION_ANNOTATION = 'backstage.io/adr-location';

/** Kinds that may carry an ADR folder. */
export const ADR_ENTITY_KINDS = ['Component', 'System', 'Domain'];

/** True when the entity declares an ADR folder. */
export function isAdrAvailable(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[ADR_LOCATION_ANNOTATION]?.trim());
}
