/**
 * Random variates for the latent-class sampler, all exact and driven by one uniform generator so that a chain is
 * reproducible from its seed: gamma (Marsaglia & Tsang 2000), beta from two gammas (by inversion when a shape is
 * 1), binomial (Hörmann's BTRD) and Poisson (Hörmann's PTRS) by transformed rejection for large arguments,
 * inversion for small ones.
 */

export type Uniform = () => number;

export class Variates {
  /** Scratch for multinomial: the categories by decreasing weight. */
  private order = new Int32Array(16);
  private suffix = new Float64Array(17);
  readonly uniform: Uniform;

  /** From a uniform generator, or from a seed for Mulberry32 (`mulberry32Unboxed(seed)`). */
  constructor(source: Uniform | number) {
    this.uniform = typeof source === 'number' ? mulberry32Unboxed(source) : source;
  }

  /** Uniform on (0, 1), never exactly 0. */
  open(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  /**
   * Standard normal by Marsaglia & Tsang's ziggurat (2000) with 128 layers: one uniform and a table look-up ~99 %
   * of the time. The 32 bits of a uniform (a multiple of 2^-32) give the layer (low 7 bits) and a signed 25-bit
   * abscissa (the rest), so layer and value do not share bits.
   */
  normal(): number {
    for (;;) {
      const bits = (this.uniform() * 4294967296) | 0;
      const i = bits & 127;
      const j = bits >> 7;
      const x = j * ZIG_W[i];
      if (Math.abs(j) < ZIG_K[i]) return x;
      if (i === 0) {
        // The tail beyond r (Marsaglia 1964).
        let a: number;
        let b: number;
        do {
          a = -Math.log(this.open()) / ZIG_R;
          b = -Math.log(this.open());
        } while (b + b < a * a);
        return j > 0 ? ZIG_R + a : -ZIG_R - a;
      }
      if (ZIG_F[i] + this.uniform() * (ZIG_F[i - 1] - ZIG_F[i]) < Math.exp(-0.5 * x * x)) return x;
    }
  }

  /** Gamma(shape, scale 1). */
  gamma(shape: number): number {
    if (shape === 1) return -Math.log(this.open());
    if (shape < 1) return this.gamma(shape + 1) * this.open() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.open();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** log Gamma(shape) variate, stable for tiny shapes (where the variate itself underflows). */
  logGamma(shape: number): number {
    if (shape < 1) return Math.log(this.gamma(shape + 1)) + Math.log(this.open()) / shape;
    return Math.log(this.gamma(shape));
  }

  /** Beta(a, b); by inversion when a or b is 1 (one uniform), otherwise from two gammas. */
  beta(a: number, b: number): number {
    if (a === 1) return b === 1 ? this.open() : 1 - this.open() ** (1 / b);
    if (b === 1) return this.open() ** (1 / a);
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x / (x + y);
  }

  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    if (n * p < 10) return this.binomialInversion(n, p);
    return this.binomialBtrd(n, p);
  }

  /**
   * Hörmann (1993), "The generation of binomial random variates", algorithm BTRD: transformed rejection with a
   * uniform centre (steps 1–2), an exact check by recursion near the mode and a squeeze with Stirling's series
   * further out (step 3). For n·p ≥ 10 and p ≤ ½; about 1.2 uniform pairs a draw whatever n.
   */
  private binomialBtrd(n: number, p: number): number {
    const q = 1 - p;
    const m = Math.floor((n + 1) * p);
    const r = p / q;
    const nr = (n + 1) * r;
    const npq = n * p * q;
    const sd = Math.sqrt(npq);
    const b = 1.15 + 2.53 * sd;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const alpha = (2.83 + 5.1 / b) * sd;
    const vr = 0.92 - 4.2 / b;
    const urvr = 0.86 * vr;
    for (;;) {
      let v = this.uniform();
      let u: number;
      if (v <= urvr) {
        u = v / vr - 0.43;
        return Math.floor(((2 * a) / (0.5 - Math.abs(u)) + b) * u + c);
      }
      if (v >= vr) u = this.uniform() - 0.5;
      else {
        u = v / vr - 0.93;
        u = Math.sign(u) * 0.5 - u;
        v = this.uniform() * vr;
      }
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      v = (v * alpha) / (a / (us * us) + b);
      const km = Math.abs(k - m);
      if (km <= 15) {
        // f(k)/f(m) by the recursion f(i)/f(i−1) = (n + 1)r/i − r.
        let f = 1;
        if (m < k) for (let i = m + 1; i <= k; i++) f *= nr / i - r;
        else if (m > k) for (let i = k + 1; i <= m; i++) v *= nr / i - r;
        if (v <= f) return k;
        continue;
      }
      v = Math.log(v);
      const rho = (km / npq) * ((km * (km / 3 + 0.625) + 1 / 6) / npq + 0.5);
      const t = (-km * km) / (2 * npq);
      if (v < t - rho) return k;
      if (v > t + rho) continue;
      const nm = n - m + 1;
      const h = (m + 0.5) * Math.log((m + 1) / (r * nm)) + stirlingTail(m) + stirlingTail(n - m);
      const nk = n - k + 1;
      if (
        v <=
        h +
          (n + 1) * Math.log(nm / nk) +
          (k + 0.5) * Math.log((nk * r) / (k + 1)) -
          stirlingTail(k) -
          stirlingTail(n - k)
      )
        return k;
    }
  }

  /** Sequential search on the probabilities; expected work n·p + 1 (used for n·p < 20, p ≤ ½). */
  private binomialInversion(n: number, p: number): number {
    const ratio = p / (1 - p);
    let u = this.uniform();
    // (1 − p)^n ≥ 1 − n·p (Bernoulli's inequality): below that the draw is 0 without computing the power. Most
    // binomials of the sampler are of this kind (a rare class in a cell).
    if (u <= 1 - n * p) return 0;
    let f = powInt(1 - p, n);
    let k = 0;
    while (u > f && k < n) {
      u -= f;
      f *= (ratio * (n - k)) / (k + 1);
      k++;
    }
    return k;
  }

  /** Poisson: Hörmann's PTRS (transformed rejection with squeeze) for λ ≥ 10, multiplication of uniforms below. */
  poisson(lambda: number): number {
    if (lambda >= 10) return this.poissonPtrs(lambda);
    const limit = Math.exp(-lambda);
    let k = 0;
    let product = this.uniform();
    while (product > limit) {
      k++;
      product *= this.uniform();
    }
    return k;
  }

  /**
   * Hörmann (1993), "The transformed rejection method for generating Poisson random variables", algorithm PTRS:
   * about 1.1 uniform pairs a draw whatever λ, the exact acceptance test with log k! from Stirling's series.
   */
  private poissonPtrs(lambda: number): number {
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k))
        return k;
    }
  }

  /** Failures before `size` successes with success probability p (GSL's parameterisation, as LCMCR). */
  negativeBinomial(size: number, p: number): number {
    if (p >= 1) return 0;
    return this.poisson(this.gamma(size) * ((1 - p) / p));
  }

  /**
   * Multinomial(n, weights) into out[offset…]; weights need not sum to 1. The categories are visited largest
   * weight first: conditional binomials while more than a few trials are left, then one categorical draw per
   * trial over the categories not yet visited (exact either way: given the counts so far, the rest is again
   * multinomial). With the largest categories first, a binomial or two usually leave only a few trials, so the
   * small categories cost a uniform each instead of a binomial each.
   */
  multinomial(
    n: number,
    weights: Float64Array,
    out: Int32Array | Float64Array,
    offset = 0,
    order: Int32Array | null = null,
    orderOffset = 0,
  ): void {
    const K = weights.length;
    // Largest first, sorted here unless the caller gives an order (a permutation of 0…K−1 at order[orderOffset…],
    // e.g. by a weight that all its calls share, which saves the sort and need not be exact).
    let at = orderOffset;
    if (order === null) {
      if (this.order.length < K) this.order = new Int32Array(K);
      order = this.order;
      at = 0;
      for (let i = 0; i < K; i++) {
        const w = weights[i];
        let r = i - 1;
        while (r >= 0 && weights[order[r]] < w) {
          order[r + 1] = order[r];
          r--;
        }
        order[r + 1] = i;
      }
    }
    for (let i = 0; i < K; i++) out[offset + i] = 0;
    // The weight of the categories from the r-th on, summed from the smallest (no cancellation).
    if (this.suffix.length < K + 1) this.suffix = new Float64Array(K + 1);
    const suffix = this.suffix;
    suffix[K] = 0;
    for (let r = K - 1; r >= 0; r--) suffix[r] = suffix[r + 1] + weights[order[at + r]];
    let left = n;
    let r = 0;
    for (; r < K - 1 && left > FEW_TRIALS; r++) {
      const k = order[at + r];
      const w = weights[k];
      const rest = suffix[r];
      const x = rest > 0 ? this.binomial(left, w >= rest ? 1 : w / rest) : 0;
      out[offset + k] = x;
      left -= x;
    }
    const last = order[at + K - 1];
    if (r === K - 1 || left === 0) {
      out[offset + last] += left;
      return;
    }
    const total = suffix[r];
    for (let i = 0; i < left; i++) {
      let u = this.uniform() * total;
      let k = last;
      for (let s = r; s < K - 1; s++) {
        const c = order[at + s];
        u -= weights[c];
        if (u < 0) {
          k = c;
          break;
        }
      }
      out[offset + k]++;
    }
  }

  /** One draw from the categories with the given weights. */
  categorical(weights: Float64Array): number {
    let total = 0;
    for (let k = 0; k < weights.length; k++) total += weights[k];
    let u = this.uniform() * total;
    for (let k = 0; k < weights.length - 1; k++) {
      u -= weights[k];
      if (u < 0) return k;
    }
    return weights.length - 1;
  }
}

/** Multinomial: below this many trials left, one categorical draw per trial instead of binomials. */
const FEW_TRIALS = 8;

/** Ziggurat tables (Marsaglia & Tsang 2000, 128 layers), abscissae scaled for a 25-bit signed integer. */
const ZIG_R = 3.442619855899;
const ZIG_K = new Float64Array(128);
const ZIG_W = new Float64Array(128);
const ZIG_F = new Float64Array(128);
{
  const scale = 2 ** 24;
  const area = 9.91256303526217e-3;
  let dn = ZIG_R;
  let tn = dn;
  const q = area / Math.exp(-0.5 * dn * dn);
  ZIG_K[0] = (dn / q) * scale;
  ZIG_K[1] = 0;
  ZIG_W[0] = q / scale;
  ZIG_W[127] = dn / scale;
  ZIG_F[0] = 1;
  ZIG_F[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(area / dn + Math.exp(-0.5 * dn * dn)));
    ZIG_K[i + 1] = (dn / tn) * scale;
    tn = dn;
    ZIG_F[i] = Math.exp(-0.5 * dn * dn);
    ZIG_W[i] = dn / scale;
  }
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** log k! minus Stirling's approximation (k + ½)·log(k + 1) − (k + 1) + log √(2π), for k < 10 exactly. */
const SMALL_TAILS = Array.from({ length: 10 }, (_, k) => {
  let logFactorial = 0;
  for (let i = 2; i <= k; i++) logFactorial += Math.log(i);
  return logFactorial - ((k + 0.5) * Math.log(k + 1) - (k + 1) + LOG_SQRT_2PI);
});

/** x^n for a whole n ≥ 0 by repeated squaring: a few multiplications instead of Math.pow's logarithm. */
function powInt(x: number, n: number): number {
  let result = 1;
  let base = x;
  for (let e = n; e > 0; e >>>= 1) {
    if (e & 1) result *= base;
    base *= base;
  }
  return result;
}

/** log k!, exact below 10, by Stirling's series above (relative error below 10^-12). */
function logFactorial(k: number): number {
  if (k < 10) return SMALL_TAILS[k] + (k + 0.5) * Math.log(k + 1) - (k + 1) + LOG_SQRT_2PI;
  return (k + 0.5) * Math.log(k + 1) - (k + 1) + LOG_SQRT_2PI + stirlingTail(k);
}

function stirlingTail(k: number): number {
  if (k < 10) return SMALL_TAILS[k];
  const x = 1 / (k + 1);
  const x2 = x * x;
  return (1 / 12 - (1 / 360 - x2 / 1260) * x2) * x;
}

/**
 * Mulberry32 (as `src/domain/random.ts`, the same numbers for the same seed) with its state in a typed array: a
 * state above 2^30 kept in a closure variable is boxed on every draw, and the sampler draws ~10^8 times a run.
 */
export function mulberry32Unboxed(seed: number): Uniform {
  const state = new Uint32Array([seed >>> 0]);
  return () => {
    state[0] += 0x6d2b79f5;
    let t = state[0];
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
