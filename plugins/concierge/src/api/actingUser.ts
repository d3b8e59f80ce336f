import {
  ConciergeApi,
  ConciergeClient,
  ConciergeClientOptions,
} from '@souverain/plugin-concierge-common';

/** Where the demo "Acting as" choice is kept between visits. */
export const ACTING_USER_STORAGE_KEY = 'souverain.concierge.actingUser';

/** The demo user chosen on a previous visit, if any. */
export function loadActingUser(): string | undefined {
  try {
    return window.localStorage.getItem(ACTING_USER_STORAGE_KEY) ?? undefined;
  } catch {
    // Storage can be unavailable (private mode, sandboxed frames): act as the signed-in user.
    return undefined;
  }
}

/** Remembers the demo user to act as; undefined forgets it (act as the signed-in user). */
export function saveActingUser(userEntityRef: string | undefined): void {
  try {
    if (userEntityRef) {
      window.localStorage.setItem(ACTING_USER_STORAGE_KEY, userEntityRef);
    } else {
      window.localStorage.removeItem(ACTING_USER_STORAGE_KEY);
    }
  } catch {
    // Not remembered; the choice still holds until the page is reloaded.
  }
}

/** A `ConciergeClient` acting as the demo user chosen on a previous visit, if any. */
export function createConciergeClient(
  deps: Pick<ConciergeClientOptions, 'discoveryApi' | 'fetchApi'>,
): ConciergeApi {
  return new ConciergeClient({ ...deps, actingUser: loadActingUser() });
}
