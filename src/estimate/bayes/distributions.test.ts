import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mulberry32 } from '../random.ts';
import { lgamma, pnorm } from '../stats.ts';
import { effectiveSize, splitRhat } from './diagnostics.ts';
import { mulberry32Unboxed, Variates } from './distributions.ts';

/** Pearson's χ² of draws against the exact probabilities, over the values expected at least 20 times. */
function chiSquare(draws: number[], logPmf: (k: number) => number, max: number): { chi: number; df: number } {
  const seen = new Map<number, number>();
  for (const d of draws) seen.set(d, (seen.get(d) ?? 0) + 1);
  let chi = 0;
  let df = -1;
  for (let k = 0; k <= max; k++) {
    const expected = Math.exp(logPmf(k)) * draws.length;
    if (expected < 20) continue;
    chi += ((seen.get(k) ?? 0) - expected) ** 2 / expected;
    df++;
  }
  return { chi, df };
}

/** A χ² with df degrees of freedom exceeds df + 4√(2df) with probability well under 0.1 %. */
function plausible({ chi, df }: { chi: number; df: number }): boolean {
  return df > 0 && chi < df + 4 * Math.sqrt(2 * df);
}

describe('random variates', () => {
  const v = new Variates(mulberry32(20));
  const draws = (n: number, f: () => number) => Array.from({ length: n }, f);

  test('binomial: inversion, and Hörmann’s BTRD for n·p ≥ 10, follow the exact probabilities', () => {
    for (const [n, p] of [
      [20, 0.1],
      [4466, 0.3],
      [100000, 0.02],
      [40, 0.9],
      [1000, 0.011],
      // n·p below 1: most draws are 0 by the shortcut u ≤ 1 − n·p, without computing (1 − p)^n.
      [1000, 0.0005],
      [30, 0.01],
      [4466, 0.0019],
    ]) {
      const logPmf = (k: number) =>
        lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p);
      const result = chiSquare(
        draws(50000, () => v.binomial(n, p)),
        logPmf,
        n,
      );
      assert.ok(plausible(result), `binomial(${n}, ${p}): χ² ${result.chi} on ${result.df}`);
    }
  });

  test('Poisson (PTRS from λ = 10 on) and the negative binomial follow the exact probabilities', () => {
    for (const lambda of [3, 9.99, 10, 17.5, 250, 40000]) {
      const logPmf = (k: number) => k * Math.log(lambda) - lambda - lgamma(k + 1);
      const result = chiSquare(
        draws(50000, () => v.poisson(lambda)),
        logPmf,
        Math.ceil(lambda * 2 + 50),
      );
      assert.ok(plausible(result), `poisson(${lambda}): χ² ${result.chi} on ${result.df}`);
    }
    const [size, p] = [50, 0.2];
    const logPmf = (k: number) =>
      lgamma(size + k) - lgamma(k + 1) - lgamma(size) + size * Math.log(p) + k * Math.log(1 - p);
    const result = chiSquare(
      draws(50000, () => v.negativeBinomial(size, p)),
      logPmf,
      2000,
    );
    assert.ok(plausible(result), `negative binomial: χ² ${result.chi} on ${result.df}`);
  });

  test('gamma and beta have their mean and variance, also for shapes below 1', () => {
    for (const shape of [0.25, 1, 7.5, 5000]) {
      const x = draws(100000, () => v.gamma(shape));
      const mean = x.reduce((a, b) => a + b, 0) / x.length;
      const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
      assert.ok(Math.abs(mean - shape) < 5 * Math.sqrt(shape / x.length), `gamma(${shape}) mean ${mean}`);
      assert.ok(Math.abs(variance / shape - 1) < 0.05, `gamma(${shape}) variance ${variance}`);
    }
    const b = draws(100000, () => v.beta(2, 5));
    const mean = b.reduce((a, c) => a + c, 0) / b.length;
    assert.ok(Math.abs(mean - 2 / 7) < 0.003);
  });

  test('normal (ziggurat): the probabilities of 40 bins between −4 and 4 and of both tails beyond', () => {
    const n = 400000;
    const edges = Array.from({ length: 41 }, (_, i) => -4 + i * 0.2);
    const seen = new Array(42).fill(0);
    for (let i = 0; i < n; i++) {
      const x = v.normal();
      const bin = x < -4 ? 0 : x >= 4 ? 41 : 1 + Math.floor((x + 4) / 0.2);
      seen[bin]++;
    }
    let chi = 0;
    let df = -1;
    for (let b = 0; b < 42; b++) {
      const lo = b === 0 ? 0 : pnorm(edges[b - 1]);
      const hi = b === 41 ? 1 : pnorm(edges[b]);
      const expected = (hi - lo) * n;
      if (expected < 20) continue;
      chi += (seen[b] - expected) ** 2 / expected;
      df++;
    }
    assert.ok(plausible({ chi, df }), `normal: χ² ${chi} on ${df}`);
    // Beyond the ziggurat's base strip (r = 3.4426) the tail algorithm: P(|x| > r) = 5.76e-4.
    let tail = 0;
    for (let i = 0; i < n; i++) if (Math.abs(v.normal()) > 3.442619855899) tail++;
    const expected = 2 * (1 - pnorm(3.442619855899)) * n;
    assert.ok(Math.abs(tail - expected) < 4 * Math.sqrt(expected), `tail ${tail} vs ${expected}`);
  });

  test('beta with a shape of 1 (by inversion) follows its distribution function', () => {
    for (const [a, b] of [
      [1, 1],
      [1, 7.5],
      [1, 300],
      [4, 1],
    ]) {
      const cdf = (x: number) => (a === 1 ? 1 - (1 - x) ** b : x ** a);
      const n = 100000;
      const seen = new Array(20).fill(0);
      for (let i = 0; i < n; i++) {
        const u = cdf(v.beta(a, b));
        seen[Math.min(19, Math.floor(u * 20))]++;
      }
      const chi = seen.reduce((s, o) => s + (o - n / 20) ** 2 / (n / 20), 0);
      assert.ok(plausible({ chi, df: 19 }), `beta(${a}, ${b}): χ² ${chi}`);
    }
  });

  test('multinomial follows the exact probabilities, also where binomials hand over to categorical draws', () => {
    const weights = Float64Array.from([0.2, 3, 1e-3, 1.5]);
    const logP = Array.from(weights, (w) => Math.log(w / 4.701));
    for (const n of [3, 9, 20]) {
      for (const order of [null, Int32Array.from([3, 2, 1, 0])]) {
        const out = new Int32Array(4);
        const seen = new Map<string, number>();
        const draws = 60000;
        for (let i = 0; i < draws; i++) {
          v.multinomial(n, weights, out, 0, order);
          const key = out.join(',');
          seen.set(key, (seen.get(key) ?? 0) + 1);
        }
        let chi = 0;
        let df = -1;
        for (let a = 0; a <= n; a++)
          for (let b = 0; a + b <= n; b++)
            for (let c = 0; a + b + c <= n; c++) {
              const d = n - a - b - c;
              const counts = [a, b, c, d];
              const logPmf =
                lgamma(n + 1) +
                counts.reduce((s, x, k) => s + (x === 0 ? 0 : x * logP[k]) - lgamma(x + 1), 0);
              const expected = Math.exp(logPmf) * draws;
              if (expected < 20) continue;
              chi += ((seen.get(counts.join(',')) ?? 0) - expected) ** 2 / expected;
              df++;
            }
        assert.ok(plausible({ chi, df }), `multinomial(${n}, order ${order}): χ² ${chi} on ${df}`);
      }
    }
  });

  test('multinomial with weights of very different size: the tiny ones get their share, the counts add up', () => {
    const weights = Float64Array.from([1, 1e-13, 2e-13, 1e-3]);
    const out = new Int32Array(4);
    const totals = [0, 0, 0, 0];
    for (let i = 0; i < 200; i++) {
      v.multinomial(1e9, weights, out);
      assert.equal(
        out.reduce((a, b) => a + b, 0),
        1e9,
      );
      out.forEach((x, k) => {
        totals[k] += x;
      });
    }
    // Expected 2e11 × 1e-13 / 1.001 ≈ 0.02 and 0.04 persons in the tiny classes: all but never more than a few.
    assert.ok(totals[1] + totals[2] <= 3);
    assert.ok(Math.abs(totals[3] / 2e11 - 1e-3 / 1.001) < 1e-6);
  });

  test('multinomial counts add up and follow the weights', () => {
    const out = new Int32Array(4);
    const totals = [0, 0, 0, 0];
    for (let i = 0; i < 2000; i++) {
      v.multinomial(1000, Float64Array.from([1, 2, 3, 4]), out);
      assert.equal(
        out.reduce((a, b) => a + b, 0),
        1000,
      );
      out.forEach((x, k) => {
        totals[k] += x;
      });
    }
    totals.forEach((t, k) => {
      assert.ok(Math.abs(t / 2e6 - (k + 1) / 10) < 0.002);
    });
  });
});

describe('convergence diagnostics', () => {
  const ar1 = (rho: number, n: number, seed: number) => {
    const v = new Variates(mulberry32(seed));
    const x = new Float64Array(n);
    for (let i = 1; i < n; i++) x[i] = rho * x[i - 1] + Math.sqrt(1 - rho * rho) * v.normal();
    return x;
  };

  test('effective sample size of an AR(1) chain is near n(1 − ρ)/(1 + ρ)', () => {
    const n = 40000;
    for (const rho of [0, 0.5, 0.9]) {
      const expected = (n * (1 - rho)) / (1 + rho);
      const ess = effectiveSize(ar1(rho, n, 3));
      assert.ok(Math.abs(ess / expected - 1) < 0.15, `ρ ${rho}: ${ess} vs ${expected}`);
    }
  });

  test('R-hat is near 1 for chains of one distribution and large when one chain sits elsewhere', () => {
    const a = ar1(0.5, 4000, 1);
    const b = ar1(0.5, 4000, 2);
    assert.ok(Math.abs(splitRhat([a, b]) - 1) < 0.01);
    const shifted = b.map((x) => x + 2);
    assert.ok(splitRhat([a, shifted]) > 1.3);
  });
});

describe('mulberry32Unboxed', () => {
  test('gives the same numbers as the shared generator', () => {
    for (const seed of [0, 1, 123456789, 2 ** 32 - 1]) {
      const a = mulberry32(seed);
      const b = mulberry32Unboxed(seed);
      for (let i = 0; i < 1000; i++) assert.equal(b(), a());
    }
  });

  test('Variates from a seed draw the same uniforms', () => {
    for (const seed of [0, 7, 2 ** 31 + 5]) {
      const a = mulberry32(seed);
      const b = new Variates(seed);
      for (let i = 0; i < 1000; i++) assert.equal(b.uniform(), a());
    }
  });
});
