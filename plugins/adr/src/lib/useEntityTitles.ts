import { parseEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  entityPresentationApiRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { useEffect, useMemo, useState } from 'react';

/** A short human name for an entity ref, without asking the catalog. */
export function shortEntityName(ref: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultNamespace: 'default' });
  } catch {
    return ref;
  }
}

/**
 * Display titles of entity refs (e.g. "Payments" for `system:default/payments`), through the
 * catalog's entity presentation API when the app has one; short names until they arrive.
 */
export function useEntityTitles(refs: string[]): Record<string, string> {
  const apis = useApiHolder();
  const presentationApi = apis.get(entityPresentationApiRef);
  const key = [...new Set(refs)].sort().join('\n');
  const [titles, setTitles] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!presentationApi || !key) return undefined;
    let cancelled = false;
    Promise.all(
      key.split('\n').map(async ref => {
        try {
          const presentation = await presentationApi.forEntity(ref).promise;
          return [ref, presentation.primaryTitle] as const;
        } catch {
          return [ref, shortEntityName(ref)] as const;
        }
      }),
    ).then(pairs => {
      if (!cancelled) setTitles(Object.fromEntries(pairs));
    });
    return () => {
      cancelled = true;
    };
  }, [presentationApi, key]);

  return useMemo(() => {
    const result: Record<string, string> = {};
    for (const ref of key ? key.split('\n') : []) {
      result[ref] = titles[ref] ?? shortEntityName(ref);
    }
    return result;
  }, [key, titles]);
}
