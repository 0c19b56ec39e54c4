import type { FloatArray } from '../backend.js';

/** Reference matrix product; see {@link Backend.matmul} for the argument contract. */
export function matmul(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, transA: boolean, transB: boolean, accumulate: boolean): void {
  if (!accumulate) c.fill(0, 0, m * n);
  // a(i, p) and b(p, j) in the logical (un-transposed) layout.
  const aRow = transA ? 1 : k;
  const aCol = transA ? m : 1;
  const bRow = transB ? 1 : n;
  const bCol = transB ? k : 1;
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const av = a[i * aRow + p * aCol]!;
      if (av === 0) continue;
      const bp = p * bRow;
      for (let j = 0; j < n; j++) c[ci + j]! += av * b[bp + j * bCol]!;
    }
  }
}
