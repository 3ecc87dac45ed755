import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mulberry32 } from '../random.ts';
import { lgamma } from '../stats.ts';
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

  test('Poisson (by gamma splitting above 30) and the negative binomial follow the exact probabilities', () => {
    for (const lambda of [3, 250, 40000]) {
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
});
