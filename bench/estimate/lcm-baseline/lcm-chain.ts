// Baseline for bench/estimate/bayes.ts: the latent-class sampler as it was before the speed work of issue 20
// (commit 9504248, src/estimate/bayes/lcm-chain.ts and distributions.ts), kept unchanged so the bench can time
// the straightforward implementation next to the current one in the same run. Not used by the application.

import type { CaptureTable } from '../../../src/estimate/table.ts';
import { Variates } from './distributions.ts';

/**
 * One chain of the latent-class capture–recapture sampler of Manrique-Vallier (2016), as R's `LCMCR`: a
 * Dirichlet-process mixture (stick-breaking, truncated at K classes) of product-Bernoulli list memberships,
 * with the unseen persons imputed each iteration (so that the prior on N is ∝ 1/N) and the concentration α
 * drawn from its Gamma(a, b) prior. Observed persons are handled per cell (a multinomial split over classes),
 * not one by one, as LCMCR's "Freq" sampler does.
 */

export interface ChainSettings {
  K: number;
  aAlpha: number;
  bAlpha: number;
  burnin: number;
  samples: number;
  thin: number;
}

export interface ChainOutput {
  /** Posterior draws of the total N (observed + imputed unseen), one every `thin` iterations after burn-in. */
  totals: Float64Array;
  /** Mean number of occupied classes over the kept draws. */
  occupied: number;
}

/** Iterations run before burn-in with α held fixed, as LCMCR's initialisation (then classes sorted by weight). */
export const WARMUP = 500;

export function runChain(
  table: CaptureTable,
  settings: ChainSettings,
  uniform: () => number,
  onProgress?: (iterations: number) => void,
): ChainOutput {
  const rng = new Variates(uniform);
  const J = table.lists.length;
  const { K } = settings;
  const cells: number[] = [];
  const freq: number[] = [];
  for (let c = 1; c < table.counts.length; c++)
    if (table.counts[c] > 0) {
      cells.push(c);
      freq.push(table.counts[c]);
    }
  const M = cells.length;
  let n = 0;
  for (const f of freq) n += f;

  // State. lambda[j*K + k]: probability that a person of class k is on list j.
  const lambda = new Float64Array(J * K);
  const nu = new Float64Array(K);
  const logNu = new Float64Array(K);
  const countZ = new Int32Array(M * K);
  const count0 = new Int32Array(K);
  const countK = new Int32Array(K);
  const ones = new Int32Array(J * K);
  const weights = new Float64Array(K);
  // α and the number unseen in a typed array: scalars that closures write would otherwise be boxed each time.
  const state = new Float64Array(2);
  const ALPHA = 0;
  const N0 = 1;
  state[ALPHA] = 0.3 / K;

  for (let j = 0; j < J; j++) {
    let on = 0;
    for (let m = 0; m < M; m++) if (cells[m] & (1 << j)) on += freq[m];
    lambda.fill(on / n, j * K, (j + 1) * K);
  }
  const lead = Math.min(4, K);
  for (let k = 0; k < K; k++) nu[k] = K <= 4 ? 1 / K : k < lead ? 0.9 / lead : 0.1 / (K - lead);

  // Per class: ν_k·Π_j(1 − λ_jk) (the weight of the all-absent pattern) and the odds λ/(1 − λ) per list, so a
  // cell's weight is one product over the lists it is on.
  const absent = new Float64Array(K);
  const odds = new Float64Array(J * K);
  const prepareWeights = () => {
    for (let k = 0; k < K; k++) {
      let w = nu[k];
      for (let j = 0; j < J; j++) {
        // A Beta draw can round to exactly 1; keep the odds finite.
        const l = Math.min(lambda[j * K + k], 1 - 2 ** -52);
        w *= 1 - l;
        odds[j * K + k] = l / (1 - l);
      }
      absent[k] = w;
    }
  };

  const sampleClasses = () => {
    prepareWeights();
    for (let m = 0; m < M; m++) {
      const cell = cells[m];
      for (let k = 0; k < K; k++) {
        let w = absent[k];
        for (let bits = cell; bits !== 0; bits &= bits - 1)
          w *= odds[(31 - Math.clz32(bits & -bits)) * K + k];
        weights[k] = w;
      }
      if (freq[m] === 1) {
        countZ.fill(0, m * K, (m + 1) * K);
        countZ[m * K + rng.categorical(weights)] = 1;
      } else rng.multinomial(freq[m], weights, countZ, m * K);
    }
  };

  const sampleLambda = () => {
    ones.fill(0);
    countK.set(count0);
    for (let m = 0; m < M; m++) {
      const cell = cells[m];
      for (let k = 0; k < K; k++) {
        const z = countZ[m * K + k];
        if (z === 0) continue;
        countK[k] += z;
        for (let j = 0; j < J; j++) if (cell & (1 << j)) ones[j * K + k] += z;
      }
    }
    for (let j = 0; j < J; j++)
      for (let k = 0; k < K; k++) {
        const on = ones[j * K + k];
        const off = countK[k] - on;
        // Beta(1, 1) for an empty class is a plain uniform: most of the K classes are empty most of the time.
        lambda[j * K + k] = on === 0 && off === 0 ? rng.open() : rng.beta(1 + on, 1 + off);
      }
  };

  // Stick-breaking weights given the class sizes (observed and imputed), in logs so tiny sticks do not vanish.
  const sampleNu = () => {
    let remaining = n + state[N0];
    let logRest = 0;
    for (let k = 0; k < K - 1; k++) {
      remaining -= countK[k];
      const g1 = rng.logGamma(1 + countK[k]);
      const g2 = rng.logGamma(state[ALPHA] + remaining);
      const sum = g1 > g2 ? g1 + Math.log1p(Math.exp(g2 - g1)) : g2 + Math.log1p(Math.exp(g1 - g2));
      logNu[k] = g1 - sum + logRest;
      logRest += g2 - sum;
      nu[k] = Math.exp(logNu[k]);
    }
    logNu[K - 1] = logRest;
    nu[K - 1] = Math.exp(logRest);
  };

  // Unseen persons: n0 ~ NegBin(n, 1 − P(unseen)), then their classes ~ Multinomial(n0, ν_k·Π_j(1 − λ_jk)).
  const sampleUnseen = () => {
    prepareWeights();
    let zero = 0;
    for (let k = 0; k < K; k++) zero += absent[k];
    state[N0] = rng.negativeBinomial(n, 1 - zero);
    rng.multinomial(state[N0], absent, count0);
  };

  const sampleAlpha = () => {
    state[ALPHA] = rng.gamma(settings.aAlpha + K - 1) / (settings.bAlpha - logNu[K - 1]);
  };

  const step = (withAlpha: boolean) => {
    sampleClasses();
    sampleLambda();
    sampleNu();
    sampleUnseen();
    if (withAlpha) sampleAlpha();
  };

  for (let i = 0; i < WARMUP; i++) step(false);
  sortClassesByWeight(K, J, nu, logNu, lambda, count0);
  const totals = new Float64Array(settings.samples);
  let occupied = 0;
  const iterations = settings.burnin + settings.samples * settings.thin;
  let reported = 0;
  for (let i = 1; i <= iterations; i++) {
    step(true);
    if (i > settings.burnin && (i - settings.burnin) % settings.thin === 0) {
      const s = (i - settings.burnin) / settings.thin - 1;
      totals[s] = n + state[N0];
      let used = 0;
      for (let k = 0; k < K; k++) if (countK[k] > 0) used++;
      occupied += used;
    }
    if (onProgress && i - reported >= 10000) {
      onProgress(i - reported);
      reported = i;
    }
  }
  if (onProgress && iterations > reported) onProgress(iterations - reported);
  return { totals, occupied: occupied / Math.max(settings.samples, 1) };
}

/** Largest class first (LCMCR does this once after warm-up; the stick-breaking prior favours that order). */
function sortClassesByWeight(
  K: number,
  J: number,
  nu: Float64Array,
  logNu: Float64Array,
  lambda: Float64Array,
  count0: Int32Array,
): void {
  const order = Array.from({ length: K }, (_, k) => k).sort((a, b) => nu[b] - nu[a]);
  const nu2 = order.map((k) => nu[k]);
  const logNu2 = order.map((k) => logNu[k]);
  const count2 = order.map((k) => count0[k]);
  const lambda2 = Float64Array.from(lambda);
  for (let j = 0; j < J; j++) for (let i = 0; i < K; i++) lambda2[j * K + i] = lambda[j * K + order[i]];
  nu.set(nu2);
  logNu.set(logNu2);
  count0.set(count2);
  lambda.set(lambda2);
}
