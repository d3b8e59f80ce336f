import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { FILTER_PARAMS, filtersFromSearchParams } from './filters';

/** Changes of URL parameters: a list sets repeated keys, undefined removes the key. */
export type ParamChanges = Record<string, string | string[] | undefined>;

/** The list's filters, read from and written to the URL's search parameters. */
export function useDecisionFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearchParams(params), [params]);
  const update = useCallback(
    (changes: ParamChanges) => {
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            next.delete(key);
            if (Array.isArray(value)) value.forEach(v => next.append(key, v));
            else if (value) next.set(key, value);
          }
          // Any change of filter starts again on the first page.
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const clear = useCallback(
    () => update(Object.fromEntries(FILTER_PARAMS.map(key => [key, undefined]))),
    [update],
  );
  return { filters, update, clear };
}
