/**
 * Which credential provider serves a Resource (`postgres`, `token`, or one a module adds).
 * Without it, databases go to `postgres` and everything else to `token`.
 */
export const ACCESS_PROVIDER_ANNOTATION = 'souverain.io/access-provider';

/**
 * What the provider grants on: the database name for `postgres`, the token audience for
 * `token`. Defaults to the resource's name.
 */
export const ACCESS_TARGET_ANNOTATION = 'souverain.io/access-target';

/** Where a Resource's tenant is recorded (shared with the tenancy feature). */
export const TENANT_ANNOTATION = 'souverain.io/tenant';

/** A Resource's data classification: public, internal, confidential or pii. */
export const DATA_CLASSIFICATION_ANNOTATION = 'souverain.io/data-classification';

/** The header a client sends on create so a retried request is not asked twice. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** The header through which the demo user switcher acts as another user (local mode only). */
export const ACT_AS_HEADER = 'x-souverain-act-as';
