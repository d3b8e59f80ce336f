import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

const PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The full form of an entity reference given in a request (`payments-api` is
 * `component:default/payments-api`), or a 400 naming the parameter.
 */
export function normalizeEntityRef(value: string, where: string): string {
  try {
    const ref = parseEntityRef(value, { defaultKind: 'component' });
    if ([ref.kind, ref.namespace, ref.name].every(part => PART.test(part))) {
      return stringifyEntityRef(ref);
    }
  } catch {
    // reported below
  }
  throw new InputError(`${where} "${value}" is not an entity reference`);
}

/** {@link normalizeEntityRef} over a list parameter. */
export function normalizeEntityRefs(
  values: string[] | undefined,
  where: string,
) {
  return values?.map(value => normalizeEntityRef(value, where));
}
