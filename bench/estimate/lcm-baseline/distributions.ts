// Baseline for bench/estimate/bayes.ts: the latent-class sampler as it was before the speed work of issue 20
// (commit 9504248, src/estimate/bayes/lcm-chain.ts and distributions.ts), kept unchanged so the bench can time
// the straightforward implementation next to the current one in the same run. Not used by the application.

/**
 * Random variates for the latent-class sampler, all exact and driven by one uniform generator so that a chain is
 * reproducible from its seed: gamma (Marsaglia & Tsang 2000), beta from two gammas, binomial and Poisson by
 * order-statistic / gamma splitting (Knuth, TAOCP 3.4.1) for large arguments, inversion for small ones.
 */

export type Uniform = () => number;

export class Variates {
  private spare = Number.NaN;
  constructor(readonly uniform: Uniform) {}

  /** Uniform on (0, 1), never exactly 0. */
  open(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        return u * f;
      }
    }
  }

  /** Gamma(shape, scale 1). */
  gamma(shape: number): number {
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

  beta(a: number, b: number): number {
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
    let f = (1 - p) ** n;
    let u = this.uniform();
    let k = 0;
    while (u > f && k < n) {
      u -= f;
      f *= (ratio * (n - k)) / (k + 1);
      k++;
    }
    return k;
  }

  poisson(lambda: number): number {
    let k = 0;
    let rest = lambda;
    // Splitting: the m-th arrival time of a unit Poisson process is Gamma(m).
    while (rest > 30) {
      const m = Math.floor(rest * 0.875);
      const x = this.gamma(m);
      if (x < rest) {
        k += m;
        rest -= x;
      } else {
        return k + this.binomial(m - 1, rest / x);
      }
    }
    const limit = Math.exp(-rest);
    let product = this.uniform();
    while (product > limit) {
      k++;
      product *= this.uniform();
    }
    return k;
  }

  /** Failures before `size` successes with success probability p (GSL's parameterisation, as LCMCR). */
  negativeBinomial(size: number, p: number): number {
    if (p >= 1) return 0;
    return this.poisson(this.gamma(size) * ((1 - p) / p));
  }

  /**
   * Multinomial(n, weights) into out[offset…]; weights need not sum to 1. Small n: one categorical draw per
   * trial (cheaper than K binomials); otherwise conditional binomials, stopping when nothing is left.
   */
  multinomial(n: number, weights: Float64Array, out: Int32Array | Float64Array, offset = 0): void {
    let total = 0;
    for (let k = 0; k < weights.length; k++) total += weights[k];
    if (n <= 16) {
      out.fill(0, offset, offset + weights.length);
      for (let i = 0; i < n; i++) {
        let u = this.uniform() * total;
        let k = 0;
        while (k < weights.length - 1 && u >= weights[k]) u -= weights[k++];
        out[offset + k]++;
      }
      return;
    }
    let left = n;
    for (let k = 0; k < weights.length; k++) {
      if (left === 0 || k === weights.length - 1) {
        out[offset + k] = left;
        left = 0;
        continue;
      }
      const p = total > 0 ? Math.min(1, weights[k] / total) : 0;
      const x = this.binomial(left, p);
      out[offset + k] = x;
      left -= x;
      total -= weights[k];
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

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** log k! minus Stirling's approximation (k + ½)·log(k + 1) − (k + 1) + log √(2π), for k < 10 exactly. */
const SMALL_TAILS = Array.from({ length: 10 }, (_, k) => {
  let logFactorial = 0;
  for (let i = 2; i <= k; i++) logFactorial += Math.log(i);
  return logFactorial - ((k + 0.5) * Math.log(k + 1) - (k + 1) + LOG_SQRT_2PI);
});

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
