import type { CaptureTable } from '../table.ts';
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
  seed: number,
  onProgress?: (iterations: number) => void,
): ChainOutput {
  const rng = new Variates(seed);
  const J = table.lists.length;
  const { K } = settings;
  // The distinct observed capture patterns with their multiplicities; per pattern the lists it is on.
  const cellList: number[] = [];
  const freqList: number[] = [];
  for (let c = 1; c < table.counts.length; c++)
    if (table.counts[c] > 0) {
      cellList.push(c);
      freqList.push(table.counts[c]);
    }
  const M = cellList.length;
  const cells = Int32Array.from(cellList);
  const freq = Int32Array.from(freqList);
  const onStart = new Int32Array(M + 1);
  const onLists: number[] = [];
  for (let m = 0; m < M; m++) {
    for (let j = 0; j < J; j++) if (cells[m] & (1 << j)) onLists.push(j);
    onStart[m + 1] = onLists.length;
  }
  const on = Int32Array.from(onLists);
  let n = 0;
  for (let m = 0; m < M; m++) n += freq[m];

  // State. lambda[j*K + k]: probability that a person of class k is on list j.
  const lambda = new Float64Array(J * K);
  const nu = new Float64Array(K);
  const countZ = new Int32Array(M * K);
  const count0 = new Int32Array(K);
  const countK = new Int32Array(K);
  const ones = new Int32Array(J * K);
  const weights = new Float64Array(K);
  // The classes by decreasing ν: the multinomials visit them in this order (largest classes first, so that
  // they are done after a few binomials), sorted once per iteration instead of once per pattern.
  const order = new Int32Array(K);
  // α and the number unseen in a typed array: scalars that closures write would otherwise be boxed each time.
  const state = new Float64Array(3);
  const ALPHA = 0;
  const N0 = 1;
  /** log ν_K, the last stick: α's full conditional depends on it. */
  const LOG_TAIL = 2;
  state[ALPHA] = 0.3 / K;

  for (let j = 0; j < J; j++) {
    let seen = 0;
    for (let m = 0; m < M; m++) if (cells[m] & (1 << j)) seen += freq[m];
    lambda.fill(seen / n, j * K, (j + 1) * K);
  }
  const lead = Math.min(4, K);
  for (let k = 0; k < K; k++) nu[k] = K <= 4 ? 1 / K : k < lead ? 0.9 / lead : 0.1 / (K - lead);

  // Per class: ν_k·Π_j(1 − λ_jk) (the weight of the all-absent pattern) and the odds λ/(1 − λ) per list
  // (list-major, so a cell's weights are products of rows), so a cell's weight is one product over its lists.
  const absent = new Float64Array(K);
  const odds = new Float64Array(J * K);
  const prepareWeights = () => {
    absent.set(nu);
    for (let j = 0; j < J; j++) {
      const row = j * K;
      for (let k = 0; k < K; k++) {
        // A Beta draw can round to exactly 1; keep the odds finite.
        const l = Math.min(lambda[row + k], 1 - 2 ** -52);
        absent[k] *= 1 - l;
        odds[row + k] = l / (1 - l);
      }
    }
    for (let i = 0; i < K; i++) {
      const w = nu[i];
      let r = i - 1;
      while (r >= 0 && nu[order[r]] < w) {
        order[r + 1] = order[r];
        r--;
      }
      order[r + 1] = i;
    }
  };

  // Class counts per pattern: a multinomial split of the pattern's persons (LCMCR's "Freq" sampler), tallied
  // at once into the class sizes and the per-list ones that the λ update needs.
  // The weights need λ and ν as sampleUnseen left them at the end of the previous iteration: prepared there.
  const sampleClasses = () => {
    ones.fill(0);
    countK.set(count0);
    for (let m = 0; m < M; m++) {
      for (let k = 0; k < K; k++) weights[k] = absent[k];
      const from = onStart[m];
      const to = onStart[m + 1];
      for (let i = from; i < to; i++) {
        const row = on[i] * K;
        for (let k = 0; k < K; k++) weights[k] *= odds[row + k];
      }
      const base = m * K;
      if (freq[m] === 1) {
        for (let k = 0; k < K; k++) countZ[base + k] = 0;
        countZ[base + rng.categorical(weights)] = 1;
      } else rng.multinomial(freq[m], weights, countZ, base, order);
      for (let k = 0; k < K; k++) {
        const z = countZ[base + k];
        if (z === 0) continue;
        countK[k] += z;
        for (let i = from; i < to; i++) ones[on[i] * K + k] += z;
      }
    }
  };

  const sampleLambda = () => {
    for (let j = 0; j < J; j++) {
      const row = j * K;
      for (let k = 0; k < K; k++) {
        const yes = ones[row + k];
        // Beta(1 + on, 1 + off): for an empty class a plain uniform (most of the K classes are empty).
        lambda[row + k] = rng.beta(1 + yes, 1 + countK[k] - yes);
      }
    }
  };

  // Stick-breaking weights given the class sizes (observed and imputed): V_k ~ Beta(1 + n_k, α + n_{>k}),
  // ν_k = V_k·Π_{i<k}(1 − V_i). The remaining stick is kept as rest·e^logScale. For an empty class V_k is
  // Beta(1, b), so 1 − V_k = U^(1/b) (one uniform); otherwise V_k = G1/(G1 + G2) from two gammas, in logs only
  // where the second shape is below 1 (the classes after the last occupied one, where sticks can underflow).
  const sampleNu = () => {
    let remaining = n + state[N0];
    let rest = 1;
    let logScale = 0;
    for (let k = 0; k < K - 1; k++) {
      const c = countK[k];
      remaining -= c;
      const b = state[ALPHA] + remaining;
      if (remaining > 0) {
        // Both shapes ≥ 1: no underflow, plain products.
        let v: number;
        let w: number;
        if (c === 0) {
          w = rng.open() ** (1 / b);
          v = 1 - w;
        } else {
          const g1 = rng.gamma(1 + c);
          const g2 = rng.gamma(b);
          v = g1 / (g1 + g2);
          w = g2 / (g1 + g2);
        }
        nu[k] = logScale === 0 ? rest * v : rest * v * Math.exp(logScale);
        rest *= w;
        if (rest < 1e-200) {
          logScale += Math.log(rest);
          rest = 1;
        }
        continue;
      }
      // Nothing after this class: b = α < 1, 1 − V_k can underflow, so in logs.
      if (rest !== 1) {
        logScale += Math.log(rest);
        rest = 1;
      }
      if (c === 0) {
        // V_k ~ Beta(1, α): log(1 − V_k) = log(U)/α.
        const log1mV = Math.log(rng.open()) / b;
        nu[k] = Math.exp(logScale) * -Math.expm1(log1mV);
        logScale += log1mV;
      } else {
        const g1 = rng.logGamma(1 + c);
        const g2 = rng.logGamma(b);
        const sum = g1 > g2 ? g1 + Math.log1p(Math.exp(g2 - g1)) : g2 + Math.log1p(Math.exp(g1 - g2));
        nu[k] = Math.exp(logScale + g1 - sum);
        logScale += g2 - sum;
      }
    }
    state[LOG_TAIL] = logScale + Math.log(rest);
    nu[K - 1] = Math.exp(state[LOG_TAIL]);
  };

  // Unseen persons: n0 ~ NegBin(n, 1 − P(unseen)), then their classes ~ Multinomial(n0, ν_k·Π_j(1 − λ_jk)).
  const sampleUnseen = () => {
    prepareWeights();
    let zero = 0;
    for (let k = 0; k < K; k++) zero += absent[k];
    state[N0] = rng.negativeBinomial(n, 1 - zero);
    rng.multinomial(state[N0], absent, count0, 0, order);
  };

  const sampleAlpha = () => {
    state[ALPHA] = rng.gamma(settings.aAlpha + K - 1) / (settings.bAlpha - state[LOG_TAIL]);
  };

  const step = (withAlpha: boolean) => {
    sampleClasses();
    sampleLambda();
    sampleNu();
    sampleUnseen();
    if (withAlpha) sampleAlpha();
  };

  prepareWeights();
  for (let i = 0; i < WARMUP; i++) step(false);
  sortClassesByWeight(K, J, nu, lambda, count0);
  prepareWeights();
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
  lambda: Float64Array,
  count0: Int32Array,
): void {
  const order = Array.from({ length: K }, (_, k) => k).sort((a, b) => nu[b] - nu[a]);
  const nu2 = order.map((k) => nu[k]);
  const count2 = order.map((k) => count0[k]);
  const lambda2 = Float64Array.from(lambda);
  for (let j = 0; j < J; j++) for (let i = 0; i < K; i++) lambda2[j * K + i] = lambda[j * K + order[i]];
  nu.set(nu2);
  count0.set(count2);
  lambda.set(lambda2);
}
