import { type SelectQueryBuilder, sql } from 'kysely';
import { z } from 'zod';

/**
 * The one paging contract of every list (issue 19, item 10): `?q=&sort=&dir=&page=&pageSize=` in,
 * `{ items, total, page, pageSize }` out. Counted and paged in SQL, inside the access layer, so a list
 * never loads more rows than one page and its total is what row-level security lets the actor see.
 */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
/** Deep pages are refused rather than scanned: narrow the search instead. */
export const MAX_PAGE = 10_000;

export interface PageParams<S extends string> {
  q?: string;
  sort: S;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/**
 * The query-string part of a paged list, for a list whose sortable fields are `sorts`. An unknown sort
 * field is refused (400, field `sort`) naming the fields there are; the list's own filters extend it.
 */
export function pageQuery<const S extends readonly [string, ...string[]]>(
  sorts: S,
  defaults: { sort: S[number]; dir: 'asc' | 'desc' },
) {
  // A string checked by hand rather than an enum: the refusal then names the field sent and the fields
  // there are (an enum's refusal names no codes, for forms that offer them as labels).
  const sort = z
    .string()
    .max(40)
    .describe(`one of: ${sorts.join(', ')}`)
    .superRefine((value, ctx) => {
      if (!sorts.includes(value)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown sort field "${value}"`,
          params: {
            code: 'unknown_sort',
            nl: `Onbekend sorteerveld "${value}"; sorteer op ${sorts.join(', ')}`,
            en: `Unknown sort field "${value}"; sort by ${sorts.join(', ')}`,
          },
        });
      }
    })
    .default(defaults.sort) as unknown as z.ZodDefault<z.ZodEnum<{ [K in S[number]]: K }>>;
  return z.strictObject({
    q: z.string().trim().max(100).optional(),
    sort,
    dir: z.enum(['asc', 'desc']).default(defaults.dir),
    page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  });
}

/** The answer of a paged list, for the response schema. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({
    items: z.array(item),
    total: z.number().int().min(0).describe('how many rows match the search and filters, over all pages'),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
  });
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** `%…%` for ILIKE with the user's `%`, `_` and `\` taken literally. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Counts the filtered query and fetches one page of it, both in SQL. `filtered` carries the WHERE
 * clauses (no select, no order); `pick` adds the columns and the order of the page.
 */
export async function pageRows<DB, TB extends keyof DB, R>(
  filtered: SelectQueryBuilder<DB, TB, object>,
  params: { page: number; pageSize: number },
  pick: (query: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, R>,
): Promise<{ rows: R[]; total: number }> {
  const counted = await filtered.select(sql<string>`count(*)`.as('total')).executeTakeFirst();
  const total = Number((counted as { total?: string | number } | undefined)?.total ?? 0);
  if (total === 0) return { rows: [], total };
  const rows = await pick(filtered)
    .limit(params.pageSize)
    .offset((params.page - 1) * params.pageSize)
    .execute();
  return { rows: rows as R[], total };
}
