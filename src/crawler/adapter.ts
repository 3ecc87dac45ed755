import { load } from 'cheerio';
import { RE2JS } from 're2js';
import { z } from 'zod';

/**
 * A site adapter: configuration, not code. It says where the listing pages and ad pages are and
 * which CSS selectors hold each field; "selector@attr" takes an attribute instead of the text.
 * A new site is a new JSON document, validated here with errors that name the field.
 */
const probe = load('<html><body></body></html>');

function validSelector(value: string): boolean {
  const css = value.replace(/@[\w-]+$/, '');
  try {
    probe.root().find(css);
    return true;
  } catch {
    return false;
  }
}

const Selector = z
  .string()
  .min(1, 'selector must not be empty')
  .refine(validSelector, { message: 'not a valid CSS selector (optionally followed by @attribute)' });

/**
 * URL patterns come from whoever writes an adapter, and are matched on every crawled URL: they run on
 * RE2 (re2js), whose matching time is linear in the input, so a pattern like `^/(a+)+$` cannot stall the
 * server (it did on JavaScript's backtracking engine). RE2 has no backreferences or lookaround; such a
 * pattern is refused here with RE2's reason.
 */
function re2Problem(value: string): string | null {
  try {
    RE2JS.compile(value);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

const Pattern = z
  .string()
  .min(1, 'pattern must not be empty')
  .superRefine((value, ctx) => {
    const problem = re2Problem(value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `not a valid RE2 regular expression (${problem})` });
    }
  });

export const AdapterSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  baseUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
  /** Where a crawl starts: paths relative to baseUrl, or absolute URLs on the same host. */
  startPaths: z.array(z.string().min(1)).min(1, 'at least one start path'),
  /** Two-letter region for phone numbers written without country code. */
  region: z
    .string()
    .regex(/^[A-Z]{2}$/, 'two capital letters, e.g. NL')
    .default('NL'),
  listing: z.object({
    /** Matched against path + query of a URL. */
    urlPattern: Pattern,
    adLinks: Selector,
    nextPage: Selector.optional(),
  }),
  ad: z.object({
    urlPattern: Pattern,
    fields: z.object({
      title: Selector,
      text: Selector,
      city: Selector.optional(),
      date: Selector.optional(),
      phone: Selector.optional(),
      email: Selector.optional(),
      handles: Selector.optional(),
      price: Selector.optional(),
      statedAge: Selector.optional(),
      images: Selector.optional(),
    }),
  }),
});

export type SiteAdapter = z.infer<typeof AdapterSchema>;

export class AdapterError extends Error {
  constructor(readonly problems: string[]) {
    super(`site adapter is invalid: ${problems.join('; ')}`);
  }
}

/** Validates an adapter (parsed JSON or its text); throws AdapterError naming every wrong field. */
export function parseAdapter(input: unknown): SiteAdapter {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new AdapterError([`not valid JSON: ${(error as Error).message}`]);
    }
  }
  const result = AdapterSchema.safeParse(value);
  if (!result.success) {
    throw new AdapterError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(adapter)'}: ${issue.message}`),
    );
  }
  return result.data;
}

/** path + query of a URL, which the adapter's patterns are matched against. */
export function pathOf(url: URL): string {
  return `${url.pathname}${url.search}`;
}

const compiled = new Map<string, RE2JS>();

/** A pattern compiled once (adapters are few and their patterns stable). */
function re2(pattern: string): RE2JS {
  let found = compiled.get(pattern);
  if (!found) {
    found = RE2JS.compile(pattern);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, found);
  }
  return found;
}

export function pageKind(adapter: SiteAdapter, url: URL): 'listing' | 'ad' | undefined {
  const path = pathOf(url);
  if (re2(adapter.ad.urlPattern).matcher(path).find()) return 'ad';
  if (re2(adapter.listing.urlPattern).matcher(path).find()) return 'listing';
  return undefined;
}
