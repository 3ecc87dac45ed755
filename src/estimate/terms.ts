import { popcount } from './stats.ts';
import { EstimateInputError } from './table.ts';

/**
 * A model term is a bitmask over the lists: bit i set = list i takes part. Main effects (one bit) are always in
 * the model; a model is identified by its interaction terms (two or more bits).
 */
export function termName(mask: number, lists: readonly string[]): string {
  const names: string[] = [];
  for (let i = 0; i < lists.length; i++) if ((mask >> i) & 1) names.push(lists[i]);
  return names.join(':');
}

/** Canonical order: by order of interaction, then by the lists' header order. */
export function compareTerms(a: number, b: number): number {
  const d = popcount(a) - popcount(b);
  if (d !== 0) return d;
  for (let i = 0; i < 31; i++) {
    const ba = (a >> i) & 1;
    const bb = (b >> i) & 1;
    if (ba !== bb) return bb - ba;
  }
  return 0;
}

export function sortTerms(terms: readonly number[]): number[] {
  return [...terms].sort(compareTerms);
}

/** The interaction subterms one order lower (of order ≥ 2) that hierarchy requires. */
export function requiredMargins(mask: number): number[] {
  if (popcount(mask) <= 2) return [];
  const out: number[] = [];
  for (let bits = mask; bits; bits &= bits - 1) out.push(mask & ~(bits & -bits));
  return out;
}

export function isHierarchical(terms: readonly number[]): boolean {
  const set = new Set(terms);
  return terms.every((t) => requiredMargins(t).every((m) => set.has(m)));
}

/** All margins of the given generators, i.e. the smallest hierarchical model containing them. */
export function hierarchicalClosure(generators: readonly number[]): number[] {
  const set = new Set<number>();
  const visit = (t: number) => {
    if (popcount(t) < 2 || set.has(t)) return;
    set.add(t);
    for (const m of requiredMargins(t)) visit(m);
  };
  generators.forEach(visit);
  return sortTerms([...set]);
}

/**
 * Parses "A:B,B:C" (terms separated by commas or spaces; list names joined by ':'). Main-effect terms are
 * accepted and ignored (always in the model). Unknown lists and non-hierarchical models are errors naming the term.
 */
export function parseModel(text: string, lists: readonly string[]): number[] {
  const index = new Map(lists.map((name, i) => [name, i]));
  const terms: number[] = [];
  for (const raw of text.split(/[,\s+]+/).filter((s) => s.length > 0)) {
    let mask = 0;
    for (const name of raw.split(':')) {
      const i = index.get(name);
      if (i === undefined)
        throw new EstimateInputError(
          `modelterm "${raw}": onbekende lijst "${name}" (lijsten: ${lists.join(', ')})`,
          `model term "${raw}": unknown list "${name}" (lists: ${lists.join(', ')})`,
        );
      if ((mask >> i) & 1)
        throw new EstimateInputError(
          `modelterm "${raw}": lijst "${name}" staat er twee keer in`,
          `model term "${raw}": list "${name}" appears twice`,
        );
      mask |= 1 << i;
    }
    if (popcount(mask) >= 2 && !terms.includes(mask)) terms.push(mask);
  }
  const set = new Set(terms);
  for (const t of terms) {
    for (const m of requiredMargins(t)) {
      if (!set.has(m))
        throw new EstimateInputError(
          `model niet hiërarchisch: term "${termName(t, lists)}" vraagt ook "${termName(m, lists)}"`,
          `model not hierarchical: term "${termName(t, lists)}" also requires "${termName(m, lists)}"`,
        );
    }
  }
  return terms;
}

/** All 2-way terms in the fixed order lists (1,2), (1,3), …, (K−1,K). */
export function allPairs(k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < k - 1; i++) for (let j = i + 1; j < k; j++) out.push((1 << i) | (1 << j));
  return out;
}
