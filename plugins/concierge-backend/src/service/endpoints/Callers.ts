import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { ACT_AS_HEADER } from '@souverain/plugin-concierge-common';
import express from 'express';
import { Actor } from '../Actor';
import { ExpiringCache } from '../ExpiringCache';
import { ResourceResolver } from '../ResourceResolver';

/** A signed-in caller, as the endpoints see them. */
export type Caller = Actor & { signedInAs: string };

/** What {@link Callers} needs. */
export interface CallersOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  resources: ResourceResolver;
  /** Users the demo switcher may act as (local mode only); empty turns it off. */
  demoUsers?: string[];
  /** How long a user's permission decision is reused. Default 5 s; 0 asks every time. */
  permissionCacheMs?: number;
}

/** Who calls (with the demo's acting-as) and what they may do, for every endpoint. */
export class Callers {
  readonly demoUsers: ReadonlySet<string>;
  // A user's decision for a basic permission is reused for a few seconds: it depends only on
  // the user and the policy, and the user's token already carries groups for up to an hour.
  private readonly decisions: ExpiringCache<boolean>;

  constructor(private readonly options: CallersOptions) {
    this.demoUsers = new Set(options.demoUsers ?? []);
    this.decisions = new ExpiringCache<boolean>(
      options.permissionCacheMs ?? 5_000,
    );
  }

  /** The signed-in user, or the demo user they act as, with their groups. */
  // Any request shape: the typed router narrows params, query and body per route.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async actorOf(req: express.Request<any, any, any, any>): Promise<Caller> {
    const credentials = await this.options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const signedInAs = credentials.principal.userEntityRef;
    let userEntityRef = signedInAs;
    const actAs = req.header(ACT_AS_HEADER);
    if (actAs && actAs !== signedInAs) {
      if (!this.demoUsers.has(actAs)) {
        throw new NotAllowedError(
          this.demoUsers.size === 0
            ? 'Acting as another user is only possible in the local demo'
            : `${actAs} is not one of the demo users`,
        );
      }
      userEntityRef = actAs;
    }
    return {
      userEntityRef,
      signedInAs,
      groups: await this.options.resources.groupsOf(userEntityRef),
      credentials,
    };
  }

  /** Whether the permission policy allows it. */
  async allowed(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    const principal = credentials.principal as {
      type?: string;
      userEntityRef?: string;
    };
    const ask = async () => {
      const [decision] = await this.options.permissions.authorize(
        [{ permission }],
        { credentials },
      );
      return decision.result === AuthorizeResult.ALLOW;
    };
    if (principal.type !== 'user' || !principal.userEntityRef) return ask();
    return this.decisions.get(
      `${principal.userEntityRef}|${permission.name}`,
      ask,
    );
  }

  /** Throws 403 ("You are not allowed to <what>") unless the policy allows it. */
  async authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission,
    what: string,
  ): Promise<void> {
    if (!(await this.allowed(credentials, permission))) {
      throw new NotAllowedError(`You are not allowed to ${what}`);
    }
  }
}
