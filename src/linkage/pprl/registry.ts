/**
 * De-duplication of a registry of encoded persons (CoMensha's national registration, issue 16 item 5):
 * partners register possible victims; only these encodings (keyed Bloom filter segments, date tokens and
 * blocking tokens, as `pprl encode` makes them) reach the registry, never a name or a date. The same person
 * registered by two organisations is found here and counted once.
 *
 * Unlike `pprl link` there are no lists that each hold a person once, and a registry is small (a few
 * thousand a year), so m and u are not fitted: the pair weights use the priors of the PPRL scorer
 * (M_PRIOR, U_PRIOR: registration-error rates and non-match rates per level) with a fixed λ. Pairs are
 * candidates when they share a blocking token (weak tokens only in small blocks, as in `pprl link`).
 */

import { type PersonInput, preparePerson } from '../person.ts';
import {
  ABBREVIATED,
  base64IntoWords,
  blockNumbers,
  ClkEncoder,
  defaultSettings,
  ESTIMATED,
  wordsToBase64,
} from './clk.ts';
import { DATE_SLOTS } from './dateTokens.ts';
import { nonMatchModel } from './nonMatch.ts';
import { type EncodedList, M_PRIOR, PairScorer } from './score.ts';
import { FAMILY_SEGMENT, GIVEN_SEGMENT, INITIAL_SEGMENT } from './tokens.ts';

/** One registration's encoding as the registry stores it (JSON). No clear value is in it. */
export interface RegistryEncoding {
  /** Version of the encoding settings (defaultSettings, balanced). */
  v: 5;
  clk: string;
  /** Segment-empty bits, ABBREVIATED, ESTIMATED (as EncodedList.empty). */
  flags: number;
  dates: number[];
  blocks: string[];
  weak: string[];
}

/** Prior probability that two registrations sharing a blocking token are the same person (bench/care: 0.05 linked
 * persons of a frequent name born years apart; 0.005 gives precision 0.998, recall 0.991 on 4,000). */
const LAMBDA = 0.005;
/**
 * Match probability from which two registrations are one person. bench/care at 10,000: 0.8 gives precision
 * 0.982 / recall 0.985, 0.95 gives 0.990 / 0.981 but no longer links a misspelt name with an estimated age
 * in a small registry (registry.test.ts); left at 0.8 until the model learns from the registry (see README).
 */
export const REGISTRY_THRESHOLD = 0.8;
const WEAK_MAX = 8;
const STRONG_MAX = 500;

/**
 * Names and the initials only: sex travels in the clear as a monitor variable, and a gender-only birth
 * segment would be equal for half the registry, which a small registry's u (from its prior) takes for rare.
 */
const SETTINGS = defaultSettings({
  salt: 'registry',
  segments: [GIVEN_SEGMENT, FAMILY_SEGMENT, INITIAL_SEGMENT],
});

export class RegistryEncoder {
  private readonly encoder: ClkEncoder;
  constructor(secret: Uint8Array) {
    this.encoder = new ClkEncoder(secret, SETTINGS);
  }

  /** Encodes a person (name, prefix, date of birth or year only, gender); throws on an unreadable date. */
  encode(person: PersonInput): RegistryEncoding {
    preparePerson(person, true);
    const e = this.encoder.encode({ person }, true);
    let flags = 0;
    for (const s of e.empty) flags |= 1 << s;
    if (e.abbreviated) flags |= ABBREVIATED;
    if (e.estimated) flags |= ESTIMATED;
    return {
      v: 5,
      clk: wordsToBase64(e.clk),
      flags,
      dates: [...e.dates],
      blocks: e.blocks,
      weak: e.weak,
    };
  }
}

function normalised(rows: number[]): number[] {
  const sum = rows.reduce((a, b) => a + b, 0);
  return rows.map((x) => x / sum);
}

function listOf(records: readonly RegistryEncoding[]): EncodedList {
  const probe = new ClkEncoder(new Uint8Array(32), SETTINGS);
  const words = probe.words;
  const clks = new Uint32Array(records.length * words);
  const empty = new Uint8Array(records.length);
  const dates = new Uint32Array(records.length * DATE_SLOTS);
  records.forEach((r, i) => {
    base64IntoWords(r.clk, clks, i * words, words);
    empty[i] = r.flags;
    dates.set(r.dates.slice(0, DATE_SLOTS), i * DATE_SLOTS);
  });
  return {
    name: 'registry',
    clks,
    words,
    offsets: probe.offsets,
    empty,
    dates,
    blocks: records.map((r) => blockNumbers(r)),
    strata: records.map(() => ({})),
    rows: records.map((_, i) => i),
  };
}

export interface RegistryDedup {
  /** Per record the index of its person (the smallest record index of its group). */
  person: number[];
  /** Number of distinct persons. */
  persons: number;
  /** Pairs judged the same person. */
  links: number;
}

/** Groups the registrations by person. Same input, same answer; no clear value is needed or seen. */
export function dedupeRegistry(
  records: readonly RegistryEncoding[],
  /** Per record who registered it: a group holds at most one registration of each (see below). */
  sources: readonly string[] = records.map((_, i) => String(i)),
  threshold = REGISTRY_THRESHOLD,
): RegistryDedup {
  const list = listOf(records);
  const scorer = new PairScorer(SETTINGS);
  const nonMatch = nonMatchModel([list], scorer);
  scorer.applyModel({
    comparisons: scorer.comparisons.map((c) => ({ name: c.name, levels: c.levels })),
    m: scorer.comparisons.map((c) => normalised(M_PRIOR[c.name] ?? M_PRIOR.given)),
    // u from the registry itself: two random registrations are almost always two persons (nonMatch.ts).
    u: nonMatch.u,
    lambda: LAMBDA,
  });
  const bonus = nonMatch.bonus[0] as Float32Array[];
  const minWeight = Math.log2(threshold / (1 - threshold));
  // Candidate pairs: records sharing a blocking token (weak ones only in small blocks).
  const blocks = new Map<number, number[]>();
  list.blocks.forEach((tokens, i) => {
    for (const t of tokens) {
      const members = blocks.get(t) ?? [];
      members.push(i);
      blocks.set(t, members);
    }
  });
  const parent = records.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const seen = new Set<number>();
  const edges: [number, number, number][] = [];
  for (const [token, members] of blocks) {
    if (members.length < 2 || members.length > (token < 0 ? WEAK_MAX : STRONG_MAX)) continue;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = members[x];
        const b = members[y];
        const key = a * records.length + b;
        if (seen.has(key)) continue;
        seen.add(key);
        const code = scorer.code(list, a, list, b);
        // Agreeing on a common name or date says less, on a rare one more (term frequency, as pprl link).
        let weight = scorer.weight(code);
        const mask = scorer.agreeMask(code);
        for (let s = 0; s < bonus.length; s++) {
          if ((mask >> s) & 1) weight += Math.min(bonus[s]?.[a] ?? 0, bonus[s]?.[b] ?? 0);
        }
        if (weight < minWeight) continue;
        edges.push([weight, a, b]);
      }
    }
  }
  // Strongest links first, and a group holds at most one registration per registering organisation (an
  // organisation registers a person once, as a list holds a person once in pprl link): a weaker link that
  // would put two of one organisation's registrations together is where two persons meet.
  edges.sort((x, y) => y[0] - x[0]);
  const members = records.map((_, i) => new Set([sources[i]]));
  let links = 0;
  for (const [, a, b] of edges) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) {
      links++;
      continue;
    }
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    const into = members[root] as Set<string>;
    const from = members[child] as Set<string>;
    if ([...from].some((source) => into.has(source))) continue;
    links++;
    parent[child] = root;
    for (const source of from) into.add(source);
  }
  const person = records.map((_, i) => find(i));
  return { person, persons: new Set(person).size, links };
}
