/**
 * The matrix product shared between threads. Work is cut on tile boundaries (4 rows or 8
 * columns) along one dimension of C, never along k, so every element is computed by the same
 * code whatever the number of threads: results are identical across thread counts.
 */
import type { FloatArray } from '../backend.js';
import { ACCUMULATE, OP, TRANS_A, TRANS_B } from './kernels.js';
import type { WasmContext } from './context.js';

/** Below this many multiply-adds one thread is faster than a dispatch. */
const MIN_PARALLEL_MACS = 320 * 1024;

/** `C (+)= op(A) op(B)`; see Backend.matmul. */
export function matmul(ctx: WasmContext, a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, transA: boolean, transB: boolean, accumulate: boolean): void {
  const mem = ctx.mem;
  const pa = mem.ptr(a, m * k, 'matmul a');
  const pb = mem.ptr(b, k * n, 'matmul b');
  const pc = mem.ptr(c, m * n, 'matmul c');
  if (m === 0 || n === 0) return;
  const flags = (transA ? TRANS_A : 0) | (transB ? TRANS_B : 0) | (accumulate ? ACCUMULATE : 0);
  // Cut the longer side of C. A weight gradient (m = fan-in rows) is then cut by rows, the
  // element ranges the optimizer update is cut by, so each thread updates mostly what it
  // wrote. B^T is transposed chunk by chunk into each thread's scratch: cut by columns then.
  if (transB) ctx.ensureScratch(k * n * 4);
  if (transB || n >= m) ctx.run(OP.matmulCols, n, 8, m * k, MIN_PARALLEL_MACS, pa, pb, pc, m, k, n, flags);
  else ctx.run(OP.matmulRows, m, 4, n * k, MIN_PARALLEL_MACS, pa, pb, pc, m, k, n, flags);
}
