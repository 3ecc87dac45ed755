import { fnv1a } from './hashing.ts';
import type { UnionFind } from './union-find.ts';

/**
 * A template model learnt from the collection (issue 13). Two ads of one operator can share
 * little text pairwise (sentences dropped, added, reordered, typos, another slot value), and two
 * unrelated ads drawing on the same phrases can share as much; so ad-to-ad similarity cannot tell
 * them apart. A GROUP of ads already linked by a number can: what its ads have in common — each
 * character 5-gram weighted by the share of the group's ads that contain it — is the operator's
 * template, and chance phrases fall away. We compare such profiles (IDF-weighted cosine) to join
 * groups of one operator that use different numbers in turn, and attach an ad without any
 * identifier to the one profile it clearly fits (well above the next best).
 *
 * Character 5-grams over the letters only survive typos (one changes ≤ 5 grams), reordering,
 * emoji, odd spacing and capitals; a quarter of them is kept (by hash) to bound memory.
 */
export interface TemplateModelOptions {
  /** Groups of at least this many ads get a profile. */
  minProfileAds: number;
  /** Profiles at least this similar are one operator. */
  groupSimilarity: number;
  /** An ad without identifiers joins a profile at least this similar... */
  adSimilarity: number;
  /** ...that is at least this many times as similar as the best other operator's profile. */
  adMargin: number;
}

export const DEFAULT_TEMPLATE_MODEL: TemplateModelOptions = {
  minProfileAds: 3,
  groupSimilarity: 0.65,
  adSimilarity: 0.3,
  adMargin: 1.6,
};

const GRAM = 5;
/** Grams per profile (and per lone ad) used to find candidates. */
const CANDIDATE_GRAMS = 24;
/** A gram among the telling ones of more profiles than this is too common to find candidates with. */
const MAX_POSTING = 64;
/** Telling grams two profiles must share before they are compared in full. */
const MIN_SHARED_TELLING = 3;
const SAMPLE_MASK = 3;

/** Sampled character 5-gram hashes of an ad's letters (lower case, one space between words). */
export function charGrams(text: string): Uint32Array {
  const letters = (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/\p{L}+/gu) ?? []
  ).join(' ');
  const out = new Set<number>();
  for (let i = 0; i + GRAM <= letters.length; i++) {
    const h = fnv1a(letters.slice(i, i + GRAM));
    if ((h & SAMPLE_MASK) === 0) out.add(h);
  }
  return Uint32Array.from(out);
}

interface Profile {
  root: number;
  ads: number;
  weights: Map<number, number>;
  norm: number;
}

export interface TemplateLink {
  a: number;
  b: number;
  similarity: number;
  /** Ads the profiles were learnt from. */
  learntFrom: number;
  kind: 'groups' | 'ad';
}

/**
 * Joins, in `union`, groups whose templates match and lone ads that clearly fit one template.
 * @param grams sampled grams per ad
 * @param hasIdentifier whether an ad shows any phone, e-mail or handle
 */
export function applyTemplateModel(
  grams: readonly Uint32Array[],
  hasIdentifier: (ad: number) => boolean,
  union: UnionFind,
  options: TemplateModelOptions = DEFAULT_TEMPLATE_MODEL,
): TemplateLink[] {
  const n = grams.length;
  if (n === 0) return [];
  const df = new Map<number, number>();
  for (const g of grams) for (const h of g) df.set(h, (df.get(h) ?? 0) + 1);
  const idf = (h: number) => Math.log((n + 1) / (df.get(h) ?? 1));
  const members = new Map<number, number[]>();
  for (let ad = 0; ad < n; ad++) {
    const root = union.find(ad);
    const list = members.get(root);
    if (list) list.push(ad);
    else members.set(root, [ad]);
  }
  const profiles: Profile[] = [];
  for (const [root, ads] of members) {
    if (ads.length < options.minProfileAds) continue;
    const counts = new Map<number, number>();
    for (const ad of ads) for (const h of grams[ad]) counts.set(h, (counts.get(h) ?? 0) + 1);
    const weights = new Map<number, number>();
    let norm = 0;
    for (const [h, count] of counts) {
      // Grams of one ad only are that ad's own noise, not the template.
      if (count < 2) continue;
      const w = idf(h) * (count / ads.length);
      weights.set(h, w);
      norm += w * w;
    }
    if (norm > 0) profiles.push({ root, ads: ads.length, weights, norm: Math.sqrt(norm) });
  }
  // Candidates through an inverted index of each profile's most telling grams (rare in the
  // collection, in most of its ads): short posting lists, so the work stays near linear.
  const postings = new Map<number, number[]>();
  const telling = profiles.map((p) => topKeys(p.weights, CANDIDATE_GRAMS));
  telling.forEach((keys, i) => {
    for (const h of keys) {
      const list = postings.get(h);
      if (list) list.push(i);
      else postings.set(h, [i]);
    }
  });
  const cosine = (p: Profile, q: Profile) => {
    let dot = 0;
    const [small, large] = p.weights.size <= q.weights.size ? [p, q] : [q, p];
    for (const [h, w] of small.weights) {
      const v = large.weights.get(h);
      if (v) dot += w * v;
    }
    return dot / (p.norm * q.norm);
  };
  const links: TemplateLink[] = [];
  profiles.forEach((p, i) => {
    // Only profiles sharing several of p's telling grams are compared in full.
    const hits = new Map<number, number>();
    for (const h of telling[i]) {
      const list = postings.get(h) ?? [];
      if (list.length > MAX_POSTING) continue;
      for (const j of list) if (j > i) hits.set(j, (hits.get(j) ?? 0) + 1);
    }
    for (const [j, count] of hits) {
      if (count < MIN_SHARED_TELLING) continue;
      const similarity = cosine(p, profiles[j]);
      if (similarity >= options.groupSimilarity)
        links.push({
          a: p.root,
          b: profiles[j].root,
          similarity,
          learntFrom: p.ads + profiles[j].ads,
          kind: 'groups',
        });
    }
  });
  // Joined groups count as one operator from here on; their profiles are scored together.
  for (const link of links) union.union(link.a, link.b);
  // Lone ads without identifiers: scored against every profile sharing a core gram with them.
  for (const [, ads] of members) {
    if (ads.length >= options.minProfileAds || ads.some(hasIdentifier)) continue;
    for (const ad of ads) {
      const vector = grams[ad];
      let adNorm = 0;
      const candidates = new Set<number>();
      const rarest = new Map<number, number>();
      for (const h of vector) {
        adNorm += idf(h) ** 2;
        rarest.set(h, idf(h));
      }
      for (const h of topKeys(rarest, CANDIDATE_GRAMS))
        for (const j of postings.get(h) ?? []) candidates.add(j);
      if (adNorm === 0) continue;
      const byOperator = new Map<number, [number, number]>();
      for (const j of candidates) {
        let dot = 0;
        for (const h of vector) dot += idf(h) * (profiles[j].weights.get(h) ?? 0);
        const score = dot / (Math.sqrt(adNorm) * profiles[j].norm);
        const operator = union.find(profiles[j].root);
        if (score > (byOperator.get(operator)?.[0] ?? 0)) byOperator.set(operator, [score, j]);
      }
      let best: [number, number] | undefined;
      let second = 0;
      for (const entry of byOperator.values()) {
        if (!best || entry[0] > best[0]) {
          second = best?.[0] ?? 0;
          best = entry;
        } else if (entry[0] > second) second = entry[0];
      }
      if (best && best[0] >= options.adSimilarity && best[0] >= options.adMargin * second) {
        const profile = profiles[best[1]];
        links.push({ a: profile.root, b: ad, similarity: best[0], learntFrom: profile.ads, kind: 'ad' });
      }
    }
  }
  for (const link of links) union.union(link.a, link.b);
  return links;
}

/** The k keys with the highest values. */
function topKeys(values: ReadonlyMap<number, number>, k: number): number[] {
  return [...values]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([key]) => key);
}
