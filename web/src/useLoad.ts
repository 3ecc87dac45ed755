import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads data for a page, again whenever `key` changes (a string naming what the loader depends on),
 * and on demand through `reload`. Keeps the last error for the page to show.
 */
export function useLoad<T>(load: () => Promise<T>, key: string) {
  const loader = useRef(load);
  loader.current = load;
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setData(await loader.current());
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, []);
  useEffect(() => {
    if (key !== undefined) void reload();
  }, [reload, key]);
  return { data, error, reload, setData };
}
