import { ANNOTATION_SOURCE_LOCATION, Entity } from '@backstage/catalog-model';
import { CatalogProcessor, LocationSpec } from '@backstage/plugin-catalog-node';

const RELATIVE_URL_REF = /^url:(\.{1,2}\/.*)$/;

/**
 * Resolves a relative `backstage.io/source-location` (`url:./plugins/adr/`) against the file
 * that declares it, as the catalog already does for `$text` placeholders. One catalog file can
 * then describe several folders of its repository (the portal's own `catalog-info.yaml`), and
 * the links stay right wherever that file is read from: a `file:` URL on a laptop, a Git host
 * in production. Other values, and entities read from `file` locations, are left alone.
 */
export class RelativeSourceLocationProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'RelativeSourceLocationProcessor';
  }

  async preProcessEntity(entity: Entity, location: LocationSpec): Promise<Entity> {
    const annotations = entity.metadata.annotations ?? {};
    const relative = RELATIVE_URL_REF.exec(annotations[ANNOTATION_SOURCE_LOCATION] ?? '')?.[1];
    if (!relative || location.type !== 'url') {
      return entity;
    }
    let resolved: string;
    try {
      resolved = new URL(relative, location.target).href;
    } catch {
      // A location target that is not a URL is reported by the catalog itself.
      return entity;
    }
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: { ...annotations, [ANNOTATION_SOURCE_LOCATION]: `url:${resolved}` },
      },
    };
  }
}
