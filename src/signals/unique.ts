import type { z } from 'zod';
import { addValidationIssue } from './errors.ts';

/** A zod refinement that marks every repeated item of a list (by key) as a duplicate, at its own index. */
export function uniqueBy<T>(key: (item: T) => string, nl: string, en: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value)) addValidationIssue(ctx, { code: 'duplicate', message: { nl, en } }, [index]);
      seen.add(value);
    });
  };
}
