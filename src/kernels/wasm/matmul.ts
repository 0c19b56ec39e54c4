/**
 * The matrix product split between threads. Work is cut on tile boundaries (4 rows or 8
 * columns) along one dimension of C, never along k, so every element is computed by the same
 * code whatever the number of threads: results are identical across thread counts.
 */
import type { FloatArray } from '../backend.js';
import { ACCUMULATE, OP, TRANS_A, TRANS_B } from './kernels.js';
import { cut, type WasmContext } from './context.js';

/** Below this many multiply-adds one thread is faster than a dispatch. */
const MIN_PARALLEL_MACS = 48 * 1024;

/** `C (+)= op(A) op(B)`; see Backend.matmul. */
export function matmul(ctx: WasmContext, a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, transA: boolean, transB: boolean, accumulate: boolean): void {
  const { mem, k: kernels, pool } = ctx;
  const pa = mem.ptr(a, m * k, 'matmul a');
  const pb = mem.ptr(b, k * n, 'matmul b');
  const pc = mem.ptr(c, m * n, 'matmul c');
  if (m === 0 || n === 0) return;
  const flags = (transA ? TRANS_A : 0) | (transB ? TRANS_B : 0) | (accumulate ? ACCUMULATE : 0);
  const rowTiles = Math.ceil(m / 4);
  const colTiles = Math.ceil(n / 8);
  const parts = ctx.parts(Math.max(rowTiles, colTiles), (m * n * k) / Math.max(rowTiles, colTiles), MIN_PARALLEL_MACS);
  if (parts === 1 || !pool) {
    kernels.matmulPart(pa, pb, pc, m, k, n, flags, 0, m, 0, n, transB ? ctx.scratchFor(0, k * n * 4) : 0);
    return;
  }
  const byCols = colTiles >= parts && (n >= m || rowTiles < parts);
  for (let t = 1; t < parts; t++) {
    if (byCols) {
      const j0 = cut(n, parts, t, 8);
      const j1 = cut(n, parts, t + 1, 8);
      pool.post(t - 1, OP.matmulPart, pa, pb, pc, m, k, n, flags, 0, m, j0, j1, transB ? ctx.scratchFor(t, k * (j1 - j0) * 4) : 0);
    } else {
      pool.post(t - 1, OP.matmulPart, pa, pb, pc, m, k, n, flags, cut(m, parts, t, 4), cut(m, parts, t + 1, 4), 0, n, transB ? ctx.scratchFor(t, k * n * 4) : 0);
    }
  }
  try {
    if (byCols) {
      const j1 = cut(n, parts, 1, 8);
      kernels.matmulPart(pa, pb, pc, m, k, n, flags, 0, m, 0, j1, transB ? ctx.scratchFor(0, k * j1 * 4) : 0);
    } else {
      kernels.matmulPart(pa, pb, pc, m, k, n, flags, 0, cut(m, parts, 1, 4), 0, n, transB ? ctx.scratchFor(0, k * n * 4) : 0);
    }
  } finally {
    pool.wait();
  }
}
