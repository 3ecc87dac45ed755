/**
 * One-to-one evidence: a list holds a person once, so a record is the match of at most one record
 * of the other list. Fellegi–Sunter scores every pair on its own, with the same prior λ for all;
 * where twenty persons are called Fatima Meijer and three of them were born in 1994, a record with
 * an estimated date in 1994 gets three pairs that each look likely, while at most one can be true.
 *
 * Under a prior where a record of A has its match in B with probability π, uniformly among B's
 * records (λ ≈ π / |B|), the posterior that a matches b rather than nothing is
 * O_ab / (1 + Σ_b' O_ab'), with O the pair's FS odds (2^weight). Taking both sides at once:
 *
 *   odds'(a, b) = O_ab / (1 + Σ_{b' ≠ b} O_ab' + Σ_{a' ≠ a} O_a'b)
 *
 * A pair without competitors keeps its weight; competing pairs share the evidence. Nothing here
 * is a setting: the odds are the fitted model's.
 */
export class Competition {
  private readonly rows: Float64Array;
  private readonly cols: Float64Array;

  constructor(sizeA: number, sizeB: number) {
    this.rows = new Float64Array(sizeA);
    this.cols = new Float64Array(sizeB);
  }

  /** Pass 1: every candidate pair's weight (log2 odds). */
  add(a: number, b: number, weight: number): void {
    const odds = 2 ** weight;
    this.rows[a] += odds;
    this.cols[b] += odds;
  }

  /** Pass 2: the pair's weight against its competitors (log2 of odds' above). */
  adjust(a: number, b: number, weight: number): number {
    const odds = 2 ** weight;
    const others = Math.max(0, this.rows[a] - odds) + Math.max(0, this.cols[b] - odds);
    return weight - Math.log2(1 + others);
  }
}

/**
 * The threshold chosen from the fitted model for a precision target: the links kept at the floor
 * (a pair less likely a match than not is never linked) are dropped from the lowest weight up
 * until their expected precision — the mean of their match probabilities — reaches `target`.
 * Returns the weight a link must exceed, or undefined when the links at the floor already reach
 * the target. Nothing is read from the truth: weights and probabilities are the model's.
 */
export function weightForPrecision(
  weights: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  target: number,
): number | undefined {
  const order = Array.from({ length: weights.length }, (_, k) => k).sort((x, y) => weights[x] - weights[y]);
  let sum = 0;
  for (let k = 0; k < probabilities.length; k++) sum += probabilities[k];
  let n = order.length;
  let i = 0;
  while (n > 0 && sum / n < target) {
    sum -= probabilities[order[i++]];
    n--;
  }
  if (i === 0) return undefined;
  // Ties with the last one dropped go too: the cut is a weight, not a count.
  return weights[order[i - 1]];
}
