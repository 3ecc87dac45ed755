/**
 * Dense primal simplex for max cᵀx subject to A x ≤ b, x ≥ 0 with b ≥ 0, so the origin (all slacks basic)
 * is feasible and no phase one is needed. Bland's rule prevents cycling on the degenerate rows (b = 0)
 * that the existence check produces. Returns the optimal value, or +Infinity if unbounded.
 */
export function simplexMax(a: Float64Array, m: number, n: number, b: Float64Array, c: Float64Array): number {
  const width = n + m + 1;
  const t = new Float64Array((m + 1) * width);
  const basis = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) t[i * width + j] = a[i * n + j];
    t[i * width + n + i] = 1;
    t[i * width + width - 1] = b[i];
    basis[i] = n + i;
  }
  const obj = m * width;
  for (let j = 0; j < n; j++) t[obj + j] = -c[j];
  const eps = 1e-11;
  for (let iter = 0; iter < 50_000; iter++) {
    let enter = -1;
    for (let j = 0; j < n + m; j++) {
      if (t[obj + j] < -eps) {
        enter = j;
        break;
      }
    }
    if (enter < 0) return t[obj + width - 1];
    let leave = -1;
    let bestRatio = Number.POSITIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      const v = t[i * width + enter];
      if (v > eps) {
        const ratio = t[i * width + width - 1] / v;
        if (ratio < bestRatio - 1e-13 || (Math.abs(ratio - bestRatio) <= 1e-13 && basis[i] < basis[leave])) {
          bestRatio = ratio;
          leave = i;
        }
      }
    }
    if (leave < 0) return Number.POSITIVE_INFINITY;
    const pr = leave * width;
    const pv = t[pr + enter];
    for (let j = 0; j < width; j++) t[pr + j] /= pv;
    for (let i = 0; i <= m; i++) {
      if (i === leave) continue;
      const row = i * width;
      const f = t[row + enter];
      if (f === 0) continue;
      for (let j = 0; j < width; j++) t[row + j] -= f * t[pr + j];
    }
    basis[leave] = enter;
  }
  throw new Error('simplex: iteration limit reached');
}
