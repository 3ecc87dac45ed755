/** Small dense linear algebra on row-major Float64Arrays, sized for log-linear models (p ≤ ~1024). */

/**
 * In-place Cholesky factorisation A = L Lᵀ of a symmetric p×p matrix (lower triangle used).
 * Returns false when A is not numerically positive definite, so the caller can fall back.
 */
export function cholesky(a: Float64Array, p: number): boolean {
  let maxDiag = 0;
  for (let i = 0; i < p; i++) maxDiag = Math.max(maxDiag, a[i * p + i]);
  const tol = maxDiag * 1e-13;
  for (let j = 0; j < p; j++) {
    const rowJ = j * p;
    let d = a[rowJ + j];
    for (let k = 0; k < j; k++) d -= a[rowJ + k] * a[rowJ + k];
    if (!(d > tol)) return false;
    const ljj = Math.sqrt(d);
    a[rowJ + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      const rowI = i * p;
      let s = a[rowI + j];
      for (let k = 0; k < j; k++) s -= a[rowI + k] * a[rowJ + k];
      a[rowI + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L Lᵀ x = b in place in b, with L from `cholesky`. */
export function choleskySolve(l: Float64Array, p: number, b: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let s = b[i];
    const row = i * p;
    for (let k = 0; k < i; k++) s -= l[row + k] * b[k];
    b[i] = s / l[row + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * b[k];
    b[i] = s / l[i * p + i];
  }
}

/** Diagonal of A⁻¹ from the Cholesky factor: column by column solves. */
export function choleskyInverseDiagonal(l: Float64Array, p: number): Float64Array {
  const diag = new Float64Array(p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    choleskySolve(l, p, e);
    diag[j] = e[j];
  }
  return diag;
}

export interface Echelon {
  rank: number;
  /** Basis of the null space, one p-vector per column that has no pivot. */
  nullBasis: Float64Array[];
}

/**
 * Reduced row echelon form with partial pivoting of an m×p matrix (copied), giving its rank and a null-space basis.
 * Design matrices here hold 0/1 entries, so a relative tolerance of 1e-9 separates rank cleanly.
 */
export function echelon(matrix: Float64Array, m: number, p: number, wantNull = true): Echelon {
  const a = Float64Array.from(matrix);
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  const tol = Math.max(scale, 1) * 1e-9;
  const pivotCols: number[] = [];
  let row = 0;
  for (let col = 0; col < p && row < m; col++) {
    let best = row;
    let bestVal = Math.abs(a[row * p + col]);
    for (let i = row + 1; i < m; i++) {
      const v = Math.abs(a[i * p + col]);
      if (v > bestVal) {
        bestVal = v;
        best = i;
      }
    }
    if (bestVal <= tol) continue;
    if (best !== row) {
      for (let k = 0; k < p; k++) {
        const t = a[row * p + k];
        a[row * p + k] = a[best * p + k];
        a[best * p + k] = t;
      }
    }
    const pv = a[row * p + col];
    for (let k = col; k < p; k++) a[row * p + k] /= pv;
    for (let i = 0; i < m; i++) {
      if (i === row) continue;
      const f = a[i * p + col];
      if (f === 0) continue;
      for (let k = col; k < p; k++) a[i * p + k] -= f * a[row * p + k];
    }
    pivotCols.push(col);
    row++;
  }
  const rank = pivotCols.length;
  const nullBasis: Float64Array[] = [];
  if (wantNull && rank < p) {
    const isPivot = new Uint8Array(p);
    for (const c of pivotCols) isPivot[c] = 1;
    for (let free = 0; free < p; free++) {
      if (isPivot[free]) continue;
      const v = new Float64Array(p);
      v[free] = 1;
      pivotCols.forEach((c, r) => {
        v[c] = -a[r * p + free];
      });
      nullBasis.push(v);
    }
  }
  return { rank, nullBasis };
}

/**
 * Solves a symmetric positive semi-definite system by Gaussian elimination with complete pivoting,
 * setting the components of numerically dependent directions to zero. The fallback when Cholesky fails.
 */
export function solveSemidefinite(matrix: Float64Array, p: number, b: Float64Array): void {
  const a = Float64Array.from(matrix);
  const rhs = Float64Array.from(b);
  const perm = Int32Array.from({ length: p }, (_, i) => i);
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) maxAbs = Math.max(maxAbs, Math.abs(a[i]));
  const tol = maxAbs * 1e-12;
  let rank = 0;
  for (let k = 0; k < p; k++) {
    let bi = k;
    let bj = k;
    let bv = 0;
    for (let i = k; i < p; i++)
      for (let j = k; j < p; j++) {
        const v = Math.abs(a[i * p + j]);
        if (v > bv) {
          bv = v;
          bi = i;
          bj = j;
        }
      }
    if (bv <= tol) break;
    if (bi !== k) {
      for (let j = 0; j < p; j++) {
        const t = a[k * p + j];
        a[k * p + j] = a[bi * p + j];
        a[bi * p + j] = t;
      }
      const t = rhs[k];
      rhs[k] = rhs[bi];
      rhs[bi] = t;
    }
    if (bj !== k) {
      for (let i = 0; i < p; i++) {
        const t = a[i * p + k];
        a[i * p + k] = a[i * p + bj];
        a[i * p + bj] = t;
      }
      const t = perm[k];
      perm[k] = perm[bj];
      perm[bj] = t;
    }
    const pv = a[k * p + k];
    for (let i = k + 1; i < p; i++) {
      const f = a[i * p + k] / pv;
      if (f === 0) continue;
      for (let j = k; j < p; j++) a[i * p + j] -= f * a[k * p + j];
      rhs[i] -= f * rhs[k];
    }
    rank++;
  }
  const x = new Float64Array(p);
  for (let i = rank - 1; i >= 0; i--) {
    let s = rhs[i];
    for (let j = i + 1; j < rank; j++) s -= a[i * p + j] * x[j];
    x[i] = s / a[i * p + i];
  }
  b.fill(0);
  for (let i = 0; i < rank; i++) b[perm[i]] = x[i];
}
