/**
 * What non-matching pairs look like, from the lists themselves: two records of one list are two
 * persons, so random pairs inside a list give u per Dice level, and the exact frequencies of
 * segment values give u of the top level (a shared date of birth is too rare for sampling) and
 * the term-frequency adjustment (agreeing on a common first name is weaker evidence). Both are
 * cheap and reliable at any list size; pseudo-counts from U_PRIOR carry very small lists.
 */
import { mulberry32 } from '../../domain/random.ts';
import { DATE_SLOTS } from './dateTokens.ts';
import { type EncodedList, type PairScorer, U_PRIOR } from './score.ts';

/** Random within-list pairs for the lower levels. */
const SAMPLES = 200_000;
/** Weight of the u prior in pseudo-pairs. */
const U_STRENGTH = 2_000;
/** Agreeing on a rare value counts at most this many times more than on an average one. */
const MAX_TF_RATIO = 64;
/** Pseudo-records that pull a value's frequency towards the average (Bayesian shrinkage). */
const TF_STRENGTH = 1_000;

export interface NonMatchModel {
  /** u per segment and level. */
  u: number[][];
  /** Per list and segment: each record's term-frequency bonus (bits) when the segment agrees. */
  bonus: Float32Array[][];
}

function segmentHash(list: EncodedList, r: number, from: number, to: number): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let w = r * list.words + from; w < r * list.words + to; w++) {
    h1 = Math.imul(h1 ^ list.clks[w], 0x01000193);
    h2 = Math.imul(h2 ^ list.clks[w], 0x5bd1e995);
  }
  return (h1 >>> 0) * 0x200000 + (h2 >>> 11);
}

export function nonMatchModel(lists: EncodedList[], scorer: PairScorer, seed = 1): NonMatchModel {
  const S = scorer.comparisons.length;
  const counts = scorer.comparisons.map((c) => new Float64Array(c.levels.length));
  const random = mulberry32(seed);
  const withinPairs = lists.map((l) => l.empty.length * (l.empty.length - 1));
  const allPairs = withinPairs.reduce((a, b) => a + b, 0);
  let sampled = 0;
  lists.forEach((list, l) => {
    const n = list.empty.length;
    if (n < 2) return;
    const k = Math.min(withinPairs[l], Math.round((SAMPLES * withinPairs[l]) / Math.max(1, allPairs)));
    for (let i = 0; i < k; i++) {
      const a = Math.floor(random() * n);
      let b = Math.floor(random() * (n - 1));
      if (b >= a) b++;
      for (let s = 0; s < S; s++) {
        const level = scorer.segmentLevel(list, a, list, b, s);
        if (level < counts[s].length) counts[s][level]++;
      }
    }
    sampled += k;
  });

  // Exact value frequencies per segment, pooled over the lists.
  const equalRate: number[] = [];
  const frequencies: Float32Array[][] = lists.map(() => []);
  for (let s = 0; s < S; s++) {
    const isDate = s === scorer.date;
    // A record without this value: its segment is empty, or it has no full date.
    const lacks = (list: EncodedList, r: number) =>
      isDate ? list.dates[r * DATE_SLOTS] === 0 : ((list.empty[r] >> s) & 1) === 1;
    const perList = lists.map((list) => {
      const [from, to] = [list.offsets[s], list.offsets[s + 1]];
      const hashes = new Float64Array(list.empty.length);
      const own = new Map<number, number>();
      for (let r = 0; r < hashes.length; r++) {
        if (lacks(list, r)) continue;
        // The date's exact agreement is its full-date token (the same date, the same token).
        hashes[r] = isDate ? list.dates[r * DATE_SLOTS] : segmentHash(list, r, from, to);
        own.set(hashes[r], (own.get(hashes[r]) ?? 0) + 1);
      }
      return { hashes, own };
    });
    let equalPairs = 0;
    for (const { own } of perList) for (const c of own.values()) equalPairs += c * (c - 1);
    equalRate.push(equalPairs / Math.max(1, allPairs));
    perList.forEach(({ hashes, own }, l) => {
      const n = lists[l].empty.length;
      const f = new Float32Array(n);
      // How many others in its own list (all different persons) share the value, shrunk towards
      // the average agreement rate so that a small list says little.
      for (let r = 0; r < n; r++) f[r] = lacks(lists[l], r) ? -1 : (own.get(hashes[r]) ?? 1) - 1;
      frequencies[l].push(f);
    });
  }

  const u = scorer.comparisons.map((c, s) => {
    const prior = U_PRIOR[c.name] ?? U_PRIOR.given;
    const observed = Array.from(counts[s]);
    // The top level from the exact frequencies over all within-list pairs, on the sample's scale.
    observed[0] = Math.max(observed[0], equalRate[s] * sampled);
    const raw = observed.map((x, l) => x + U_STRENGTH * prior[l]);
    const sum = raw.reduce((a, b) => a + b, 0);
    return raw.map((x) => x / sum);
  });
  const bonus = frequencies.map((perSegment) =>
    perSegment.map((f, s) => {
      const u0 = u[s][0];
      const n = f.length;
      return Float32Array.from(f, (others) => {
        if (others < 0) return 0;
        const share = (others + TF_STRENGTH * u0) / (n - 1 + TF_STRENGTH);
        return Math.log2(u0 / Math.max(share, u0 / MAX_TF_RATIO));
      });
    }),
  );
  return { u, bonus };
}
