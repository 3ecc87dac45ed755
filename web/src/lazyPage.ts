import { type ComponentType, lazy } from 'react';

/**
 * A page loaded on its first visit, as a chunk of its own: the first screen loads only the shell,
 * login and start page, and each role downloads only the pages it opens.
 */
export function lazyPage<P extends object, K extends string>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}
