/**
 * Screening a visa referent against the Wav register: KvK exact, else company names (legal forms and
 * "h.o.d.n." removed, word order free, typos tolerated, words weighted by how rare they are in the register)
 * and the address (postcode + house number). Pure: the HTTP route, the CLI and the bench use it alike.
 */
import {
  companyNames,
  editDistance,
  normaliseHouseNumber,
  normaliseKvk,
  normalisePostcode,
} from '../linkage/index.ts';

export interface RegisterEntry {
  id: string;
  kvk?: string;
  name: string;
  tradeNames?: readonly string[];
  street?: string;
  houseNumber?: string;
  postcode?: string;
  city?: string;
}

export interface Referent {
  id: string;
  name: string;
  kvk?: string;
  street?: string;
  houseNumber?: string;
  postcode?: string;
  city?: string;
}

export type Verdict = 'hit' | 'possible' | 'none';

export interface ScreenMatch {
  registerId: string;
  score: number;
  reasons: string[];
}

export interface ScreenResult {
  id: string;
  verdict: Verdict;
  matches: ScreenMatch[];
}

/** The rules' thresholds; the defaults were tuned on bench generator A only (bench/feeds). */
export interface ScreenRules {
  hit: number;
  possible: number;
  /** Matches listed per result at most (best first). */
  maxMatches: number;
}

export const DEFAULT_RULES: ScreenRules = { hit: 0.86, possible: 0.7, maxMatches: 3 };

/** Keys of a word more frequent than this in the register are not used to find candidates. */
const MAX_KEY_POSTINGS = 150;

interface PreparedName {
  tokens: string[];
  joined: string;
  /** Each word's weight in the register (filled in once the register is read). */
  weights: number[];
  total: number;
}

interface Prepared {
  entry: RegisterEntry;
  kvk?: string;
  postcode?: string;
  houseNumber: string;
  city: string;
  names: PreparedName[];
}

function prepareName(name: string): PreparedName {
  const tokens = name.split(' ').filter((t) => t !== '');
  return { tokens, joined: tokens.join(''), weights: [], total: 0 };
}

/** The word and, for words of 5 letters or more, every form with one letter left out (typo keys). */
function tokenKeys(token: string): string[] {
  const keys = [`w:${token}`];
  if (token.length >= 5) {
    for (let i = 0; i < token.length; i++) keys.push(`d:${token.slice(0, i)}${token.slice(i + 1)}`);
    keys.push(`d:${token}`);
  }
  return keys;
}

function foldCity(value: string | undefined): string {
  return (value ?? '')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]+/g, '');
}

const ROW_A = new Int32Array(64);
const ROW_B = new Int32Array(64);
const ROW_C = new Int32Array(64);

/** Damerau (optimal string alignment) distance, or 3 when it is more than 2; words up to 60 letters. */
function boundedDistance(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la > 60 || lb > 60) return editDistance(a, b);
  let prev2 = ROW_A;
  let prev = ROW_B;
  let cur = ROW_C;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > 2) return 3;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[lb], 3);
}

/** How alike two words are: equal 1, one typo 0.9 (words of 5+), two typos 0.8 (words of 9+), else 0. */
function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 5 || Math.abs(a.length - b.length) > 2) return 0;
  const d = boundedDistance(a, b);
  if (d === 1) return 0.9;
  if (d === 2 && shorter >= 9) return 0.8;
  return 0;
}

export class ScreeningIndex {
  private readonly entries: Prepared[] = [];
  private readonly byKvk = new Map<string, number[]>();
  private readonly byAddress = new Map<string, number[]>();
  private readonly byKey = new Map<string, number[]>();
  private readonly df = new Map<string, number>();
  private readonly rules: ScreenRules;

  constructor(register: readonly RegisterEntry[], rules: Partial<ScreenRules> = {}) {
    this.rules = { ...DEFAULT_RULES, ...rules };
    for (const entry of register) {
      const index = this.entries.length;
      const names = companyNames([entry.name, ...(entry.tradeNames ?? [])].join('|')).map(prepareName);
      const prepared: Prepared = {
        entry,
        kvk: normaliseKvk(entry.kvk),
        postcode: normalisePostcode(entry.postcode),
        houseNumber: normaliseHouseNumber(entry.houseNumber),
        city: foldCity(entry.city),
        names,
      };
      this.entries.push(prepared);
      if (prepared.kvk) push(this.byKvk, prepared.kvk, index);
      if (prepared.postcode && prepared.houseNumber)
        push(this.byAddress, `${prepared.postcode}:${prepared.houseNumber}`, index);
      const seenTokens = new Set<string>();
      const seenKeys = new Set<string>();
      for (const name of names) {
        for (const token of name.tokens) {
          if (!seenTokens.has(token)) {
            seenTokens.add(token);
            this.df.set(token, (this.df.get(token) ?? 0) + 1);
          }
          for (const key of tokenKeys(token)) {
            if (seenKeys.has(key)) continue;
            seenKeys.add(key);
            push(this.byKey, key, index);
          }
        }
        if (name.tokens.length > 1) {
          const key = `j:${name.joined}`;
          if (!seenKeys.has(key)) {
            seenKeys.add(key);
            push(this.byKey, key, index);
          }
        }
      }
    }
    for (const e of this.entries) for (const name of e.names) this.weigh(name);
  }

  private weigh(name: PreparedName): void {
    name.weights = name.tokens.map((t) => this.weight(t));
    name.total = sum(name.weights);
  }

  get size(): number {
    return this.entries.length;
  }

  /** A word's weight: rare words count more than "bouw" or "de" (inverse document frequency). */
  private weight(token: string): number {
    const n = this.entries.length + 1;
    return Math.max(0.3, Math.log(n / (1 + (this.df.get(token) ?? 0))));
  }

  /** Name similarity in [0, 1]: weighted, order-free alignment of words; compounds compared joined. */
  private nameSimilarity(a: PreparedName, b: PreparedName): number {
    if (a.joined === b.joined) return 1;
    const wa = a.weights;
    const wb = b.weights;
    const used = new Uint8Array(b.tokens.length);
    let matched = 0;
    for (let i = 0; i < a.tokens.length; i++) {
      let best = 0;
      let bestJ = -1;
      for (let j = 0; j < b.tokens.length; j++) {
        if (used[j]) continue;
        const s = tokenSimilarity(a.tokens[i], b.tokens[j]);
        if (s > best) {
          best = s;
          bestJ = j;
        }
      }
      if (bestJ >= 0) {
        used[bestJ] = 1;
        matched += best * Math.min(wa[i], wb[bestJ]);
      }
    }
    const total = a.total + b.total;
    const dice = total === 0 ? 0 : (2 * matched) / total;
    // Written together or apart ("DeVries Bouw" / "De Vries Bouw"), with one typo.
    const joinedSim =
      a.joined.length >= 8 && Math.abs(a.joined.length - b.joined.length) <= 1
        ? boundedDistance(a.joined, b.joined) <= 1
          ? 0.9
          : 0
        : 0;
    return Math.max(dice, joinedSim);
  }

  screen(referent: Referent): ScreenResult {
    const kvk = normaliseKvk(referent.kvk);
    const postcode = normalisePostcode(referent.postcode);
    const houseNumber = normaliseHouseNumber(referent.houseNumber);
    const city = foldCity(referent.city);
    const names = companyNames(referent.name ?? '').map(prepareName);
    for (const name of names) this.weigh(name);

    const candidates = new Set<number>();
    if (kvk) for (const i of this.byKvk.get(kvk) ?? []) candidates.add(i);
    if (postcode && houseNumber)
      for (const i of this.byAddress.get(`${postcode}:${houseNumber}`) ?? []) candidates.add(i);
    for (const name of names) {
      const keys = new Set<string>();
      for (const token of name.tokens) for (const key of tokenKeys(token)) keys.add(key);
      for (const token of name.tokens) if (token.length >= 5) keys.add(`w:${token}`);
      if (name.tokens.length > 1) keys.add(`j:${name.joined}`);
      // Typo keys of the register ("d:…") are matched by the referent's word and its own deletions.
      for (const token of name.tokens) if (token.length >= 4) keys.add(`d:${token}`);
      for (const key of keys) {
        const postings = this.byKey.get(key);
        if (!postings || postings.length > MAX_KEY_POSTINGS) continue;
        for (const i of postings) candidates.add(i);
      }
    }

    const matches: ScreenMatch[] = [];
    for (const i of candidates) {
      const m = this.compare(this.entries[i], { kvk, postcode, houseNumber, city, names });
      if (m.score >= this.rules.possible) matches.push(m);
    }
    matches.sort((a, b) => b.score - a.score || a.registerId.localeCompare(b.registerId));
    const top = matches.slice(0, this.rules.maxMatches);
    const verdict: Verdict = top.length === 0 ? 'none' : top[0].score >= this.rules.hit ? 'hit' : 'possible';
    return { id: referent.id, verdict, matches: top };
  }

  private compare(
    e: Prepared,
    r: { kvk?: string; postcode?: string; houseNumber: string; city: string; names: PreparedName[] },
  ): ScreenMatch {
    const reasons: string[] = [];
    if (r.kvk && e.kvk && r.kvk === e.kvk) {
      reasons.push('kvk: gelijk / equal');
      return { registerId: e.entry.id, score: 1, reasons };
    }
    let name = 0;
    let viaTrade = false;
    for (const a of r.names) {
      for (let k = 0; k < e.names.length; k++) {
        const s = this.nameSimilarity(a, e.names[k]);
        if (s > name) {
          name = s;
          viaTrade = k > 0;
        }
      }
    }
    const sameAddress =
      !!r.postcode && r.postcode === e.postcode && r.houseNumber !== '' && r.houseNumber === e.houseNumber;
    const samePostcode = !sameAddress && !!r.postcode && r.postcode === e.postcode;
    const sameCity = !sameAddress && !samePostcode && r.city !== '' && r.city === e.city;
    const knownAddress = !!r.postcode && !!e.postcode;
    if (name > 0) {
      reasons.push(
        `naam / name${viaTrade ? ' (handelsnaam / trade name)' : ''}: ${name === 1 ? 'gelijk / equal' : `${name.toFixed(2)}`}`,
      );
    }
    if (sameAddress) reasons.push('adres / address: postcode + huisnummer gelijk / equal');
    else if (samePostcode) reasons.push('adres / address: postcode gelijk / equal');
    else if (sameCity) reasons.push('adres / address: plaats gelijk / same city');
    else if (knownAddress) reasons.push('adres / address: verschilt / differs');
    // A name alone is never a hit: the same name is borne by other companies elsewhere (KvK or address needed).
    let score: number;
    if (sameAddress) score = 0.5 + 0.5 * name;
    else if (samePostcode) score = 0.84 * name;
    else if (sameCity) score = 0.82 * name;
    else score = 0.8 * name;
    if (r.kvk && e.kvk) {
      // Both KvK numbers known and different: a name alone cannot make it a hit.
      reasons.push('kvk: verschilt / differs');
      score = Math.min(score * 0.8, this.rules.hit - 0.01);
    }
    return { registerId: e.entry.id, score: round(score), reasons };
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
