import { z } from 'zod';
import { camelKeys, DateOnly, Timestamp, wire } from '../server/wire.ts';
import { Receipt } from '../signals/index.ts';

/**
 * The crawler's answers on the wire (camelCase) and the mappers that build them from disclosed rows.
 * Fields are optional where the access layer may leave them out for a role.
 */

const Label = z.object({ nl: z.string(), en: z.string() });

export const Investigation = z.strictObject({
  id: z.uuid(),
  caseRef: z.string().optional(),
  purpose: z.string().optional(),
  legalBasis: z.string().optional(),
  endsOn: DateOnly.optional(),
  sites: z.array(z.string()).optional(),
  terms: z.array(z.string()).optional(),
  retentionMonths: z.number().int().optional(),
  status: z.enum(['open', 'closed']).optional(),
  closedAt: Timestamp.nullable().optional(),
  createdAt: Timestamp.optional(),
});

export function toInvestigation(row: object) {
  return wire(Investigation, camelKeys(row));
}

export const Adapter = z.strictObject({
  id: z.string(),
  config: z.record(z.string(), z.unknown()).optional(),
  createdAt: Timestamp.optional(),
});

export function toAdapter(row: object) {
  return wire(Adapter, camelKeys(row));
}

const Progress = z.strictObject({
  queued: z.number().int(),
  pending: z.number().int(),
  pagesFetched: z.number().int(),
  adsFound: z.number().int(),
  adVersions: z.number().int(),
  errors: z.number().int(),
});

const CrawlError = z.strictObject({
  url: z.string(),
  kind: z.string(),
  detail: z.string().nullable(),
  at: Timestamp,
});

export const Crawl = z.strictObject({
  id: z.uuid(),
  investigationId: z.uuid().optional(),
  adapterId: z.string().optional(),
  maxPages: z.number().int().nullable().optional(),
  status: z.string().optional(),
  pagesFetched: z.number().int().optional(),
  createdAt: Timestamp.optional(),
  finishedAt: Timestamp.nullable().optional(),
  progress: Progress.optional(),
  errors: z.array(CrawlError).optional(),
});

export function toCrawl(row: object) {
  const out = camelKeys(row);
  if (Array.isArray(out.errors)) out.errors = out.errors.map((error: object) => camelKeys(error));
  return wire(Crawl, out);
}

const IndicatorHit = z.strictObject({
  id: z.string(),
  version: z.number().int(),
  weight: z.number(),
  scored: z.boolean(),
  label: Label,
  evidence: z.string(),
  notScoredBecause: Label.optional(),
});

const Assessment = z.strictObject({
  score: z.number(),
  indicators: z.array(IndicatorHit),
  information: z.array(IndicatorHit),
});

export const Ad = z.strictObject({
  id: z.string(),
  url: z.string().optional(),
  title: z.string().nullable().optional(),
  text: z.string().optional(),
  city: z.string().nullable().optional(),
  postedAt: z.string().nullable().optional(),
  phones: z.array(z.string()).optional(),
  emails: z.array(z.string()).optional(),
  handles: z.array(z.string()).optional(),
  price: z.number().nullable().optional(),
  statedAge: z.number().nullable().optional(),
  images: z.array(z.string()).optional(),
  assessment: Assessment.optional(),
});

export function toAd(row: object) {
  return wire(Ad, camelKeys(row));
}

const Evidence = z.strictObject({
  a: z.string(),
  b: z.string(),
  kind: z.enum(['phone', 'email', 'handle', 'text', 'image']),
  detail: z.string(),
  score: z.number(),
});

export const Clusters = z.strictObject({
  clusters: z.array(
    z.strictObject({
      id: z.string(),
      ads: z.array(z.string()),
      evidence: z.array(Evidence),
      timeline: z.array(
        z.strictObject({ ad: z.string(), postedAt: z.string().nullable(), city: z.string().nullable() }),
      ),
      cities: z.array(z.strictObject({ city: z.string(), ads: z.number().int() })),
    }),
  ),
  guarded: z.array(
    z.strictObject({
      kind: z.enum(['phone', 'email', 'handle', 'image']),
      value: z.string(),
      ads: z.number().int(),
      groups: z.number().int(),
      cause: z.string(),
      examples: z.array(z.string()),
      reason: Label,
    }),
  ),
});

export function toClusters(result: {
  clusters: ({ timeline: { ad: string; posted_at: string | null; city: string | null }[] } & object)[];
  guarded: object[];
}) {
  return wire(Clusters, {
    clusters: result.clusters.map((cluster) => ({
      ...cluster,
      timeline: cluster.timeline.map(({ ad, posted_at, city }) => ({ ad, postedAt: posted_at, city })),
    })),
    guarded: result.guarded,
  });
}

export const IdentifierDecision = z.strictObject({
  investigationId: z.uuid().optional(),
  kind: z.enum(['phone', 'email', 'handle', 'image']).optional(),
  value: z.string().optional(),
  decision: z.enum(['shared', 'not_shared']).optional(),
  reason: z.string().optional(),
  decidedBy: z.uuid().nullable().optional(),
  decidedAt: Timestamp.optional(),
});

export function toIdentifierDecision(row: object) {
  return wire(IdentifierDecision, camelKeys(row));
}

export const ClusterSignalResult = z.strictObject({
  signal: Receipt,
  cluster: z.string(),
  ads: z.number().int(),
  omitted: z.strictObject({
    phones: z.number().int(),
    emails: z.number().int(),
    handles: z.number().int(),
    urls: z.number().int(),
  }),
});
