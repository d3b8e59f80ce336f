import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Actor, CONCIERGE_ACTOR } from './Actor';
import { ExpiringCache } from './ExpiringCache';

/** What the resolver reads the catalog with. */
export interface ResourceResolverOptions {
  catalog: CatalogService;
  /** Service credentials for catalog reads the caller's own rights must not limit (group lookups). */
  serviceCredentials: () => Promise<BackstageCredentials>;
}

/**
 * Reads the resources access is asked for, and the groups of users, from the catalog. Each read
 * is kept a short while, since one request's create, approvals and issuance read the same ones.
 */
export class ResourceResolver {
  private readonly groupCache = new ExpiringCache<string[]>(30_000);
  /** Resources as the concierge itself read them, reused when a grant is issued shortly after. */
  private readonly resourceCache = new ExpiringCache<Entity>(60_000);
  /** Resources as each user may read them (the catalog's permissions apply), for 10 s. */
  private readonly userResourceCache = new ExpiringCache<Entity | undefined>(10_000);

  constructor(private readonly options: ResourceResolverOptions) {}

  /** The groups a user belongs to, read from the catalog (cached for 30 s). */
  async groupsOf(userEntityRef: string): Promise<string[]> {
    return this.groupCache.get(userEntityRef, async () => {
      const user = await this.options.catalog.getEntityByRef(userEntityRef, {
        credentials: await this.options.serviceCredentials(),
      });
      return (user?.relations ?? [])
        .filter(relation => relation.type === 'memberOf')
        .map(relation => relation.targetRef);
    });
  }

  /** A Resource entity as the actor may read it: 400 for a reference to something else, 404 if unseen. */
  async resource(resourceRef: string, actor: Actor): Promise<{ ref: string; entity: Entity }> {
    let ref: string;
    try {
      ref = stringifyEntityRef(parseEntityRef(resourceRef, { defaultKind: 'resource', defaultNamespace: 'default' }));
    } catch {
      throw new InputError(`"${resourceRef}" is not an entity reference`);
    }
    if (!ref.startsWith('resource:')) {
      throw new InputError(`Access is asked for Resource entities; ${ref} is not one`);
    }
    const entity = await this.userResourceCache.get(`${actor.userEntityRef}|${ref}`, () =>
      this.options.catalog.getEntityByRef(ref, { credentials: actor.credentials }),
    );
    if (!entity) throw new NotFoundError(`No resource ${ref} in the catalog`);
    this.resourceCache.set(ref, entity);
    return { ref, entity };
  }

  /** The resource as the concierge itself reads it, for issuing (a minute-old copy will do). */
  async resourceForIssue(ref: string): Promise<Entity> {
    const cached = this.resourceCache.peek(ref);
    if (cached) return cached;
    const { entity } = await this.resource(ref, {
      userEntityRef: CONCIERGE_ACTOR,
      groups: [],
      credentials: await this.options.serviceCredentials(),
    });
    return entity;
  }
}
