import { useCallback, useEffect, useState } from 'react';
import { navigate } from './router.tsx';

/**
 * The state of a paged list (issue 19, item 10) in the URL's query string: search, filters, sort, direction
 * and page survive a reload, a link sent to a colleague and the back button. Only values that differ from
 * the defaults are written, so a plain list keeps a plain address.
 */
export type ListState = Record<string, string>;

function read(defaults: ListState): ListState {
  const params = new URLSearchParams(window.location.search);
  const state: ListState = { ...defaults };
  for (const key of Object.keys(defaults)) {
    const value = params.get(key);
    if (value !== null) state[key] = value;
  }
  return state;
}

export function useListState(defaults: ListState) {
  const [state, setState] = useState(() => read(defaults));
  const key = JSON.stringify(defaults);
  useEffect(() => {
    const update = () => setState(read(JSON.parse(key)));
    update();
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, [key]);
  /** Changes some values; anything but the page itself sends the list back to page 1. */
  const change = useCallback(
    (next: ListState) => {
      const merged = { ...state, ...next };
      if (!('page' in next)) merged.page = '1';
      const params = new URLSearchParams(window.location.search);
      for (const [name, value] of Object.entries(merged)) {
        if (value === '' || value === JSON.parse(key)[name]) params.delete(name);
        else params.set(name, value);
      }
      const query = params.toString();
      navigate(`${window.location.pathname}${query ? `?${query}` : ''}`, { replace: !('page' in next) });
      setState(merged);
    },
    [state, key],
  );
  return { state, change };
}
