/**
 * The exports of the compiled AssemblyScript module (assembly/index.ts). Pointers are byte
 * offsets in the shared memory. Kernels that threads share take `(lo, hi, scratch, ...)`:
 * the range of rows, columns, elements or random blocks this call computes, then the
 * calling thread's scratch area.
 */
import type { ChunkFn } from './chunks.js';

export interface Kernels {
  matmulRows(i0: number, i1: number, scratch: number, a: number, b: number, c: number, m: number, k: number, n: number, flags: number): void;
  matmulCols(j0: number, j1: number, scratch: number, a: number, b: number, c: number, m: number, k: number, n: number, flags: number): void;
  biasActivation(r0: number, r1: number, scratch: number, x: number, bias: number, y: number, cols: number, act: number): void;
  activationBackward(r0: number, r1: number, scratch: number, dy: number, x: number, y: number, cols: number, act: number): void;
  add(i0: number, i1: number, scratch: number, a: number, b: number, out: number): void;
  mul(i0: number, i1: number, scratch: number, a: number, b: number, out: number): void;
  scale(i0: number, i1: number, scratch: number, a: number, s: number, t: number, out: number): void;
  sumRows(c0: number, c1: number, scratch: number, x: number, rows: number, cols: number, out: number, accumulate: number): void;
  gatherRows(r0: number, r1: number, scratch: number, src: number, index: number, rowSize: number, scale: number, out: number): void;
  adamUpdate(i0: number, i1: number, scratch: number, w: number, g: number, m: number, v: number, lrT: number, beta1: number, beta2: number, epsilon: number): void;
  sgdUpdate(i0: number, i1: number, scratch: number, w: number, g: number, vel: number, lr: number, momentum: number, nesterov: number): void;
  rmspropUpdate(i0: number, i1: number, scratch: number, w: number, g: number, v: number, avg: number, mom: number, lr: number, rho: number, momentum: number, epsilon: number): void;
  bytesToFloats(i0: number, i1: number, scratch: number, src: number, out: number, scale: number): void;
  fillUniform(b0: number, b1: number, scratch: number, out: number, n: number, lo: number, hi: number, seed: number, first: number): void;
  fillNormal(b0: number, b1: number, scratch: number, out: number, n: number, mean: number, std: number, seed: number, first: number): void;
  fillBernoulli(b0: number, b1: number, scratch: number, out: number, n: number, p: number, seed: number, first: number): void;
  winogradScratchBytes(g: number): number;
  winogradForward(i0: number, i1: number, scratch: number, x: number, u: number, y: number, g: number, bias: number, act: number): void;
  winogradBackwardInput(i0: number, i1: number, scratch: number, dy: number, ut: number, dx: number, g: number): void;
  winogradFilterParts(p0: number, p1: number, scratch: number, x: number, dy: number, parts: number, g: number): void;
  winogradFilterReduce(c0: number, c1: number, scratch: number, parts: number, dfilter: number, g: number): void;
  winogradFilter(c0: number, c1: number, scratch: number, filter: number, u: number, ut: number, g: number): void;
  directScratchBytes(g: number): number;
  directForward(i0: number, i1: number, scratch: number, x: number, filter: number, y: number, g: number, bias: number, act: number): void;
  directFilterParts(p0: number, p1: number, scratch: number, x: number, dy: number, parts: number, g: number): void;
  im2colScratchBytes(g: number): number;
  im2colForward(r0: number, r1: number, scratch: number, x: number, filter: number, y: number, g: number, bias: number, act: number): void;
  im2colBackwardInput(i0: number, i1: number, scratch: number, dy: number, filterT: number, dx: number, g: number): void;
  im2colFilterParts(p0: number, p1: number, scratch: number, x: number, dy: number, parts: number, g: number): void;
  sumParts(i0: number, i1: number, scratch: number, parts: number, out: number, count: number, stride: number): void;
  transposeMatrix(m: number, rows: number, cols: number, t: number): void;
  maxPoolForward(r0: number, r1: number, scratch: number, x: number, y: number, argmax: number, g: number): void;
  maxPoolBackward(i0: number, i1: number, scratch: number, dy: number, argmax: number, dx: number, g: number): void;
  avgPoolForward(r0: number, r1: number, scratch: number, x: number, y: number, g: number): void;
  avgPoolBackward(i0: number, i1: number, scratch: number, dy: number, dx: number, g: number): void;
  batchNormSums(p0: number, p1: number, scratch: number, x: number, dy: number, mean: number, rows: number, cols: number, count: number, mode: number, parts: number): void;
  batchNormForward(r0: number, r1: number, scratch: number, x: number, y: number, cols: number, coef: number): void;
  batchNormBackward(r0: number, r1: number, scratch: number, dy: number, x: number, dx: number, cols: number, coef: number): void;
  /** 1 for the relaxed-SIMD build (fused multiply-add), 0 for the plain-SIMD one. */
  relaxedSimd(): number;
  softmaxCrossEntropy(logits: number, labels: number, rows: number, cols: number, smoothing: number, grad: number, gradScale: number): number;
  countCorrect(scores: number, labels: number, rows: number, cols: number): number;
  sum(a: number, n: number): number;
  trap(): void;
  heapBase(): number;
}

/** Flag bits of the matmul kernels. */
export const TRANS_A = 1;
export const TRANS_B = 2;
export const ACCUMULATE = 4;

/** Kernels threads can share, and three test faults (a wasm trap, a JS exception, the thread ending). */
export const OPS = [
  'matmulRows', 'matmulCols', 'biasActivation', 'activationBackward', 'add', 'mul', 'scale',
  'adamUpdate', 'sgdUpdate', 'rmspropUpdate', 'bytesToFloats', 'fillUniform', 'fillNormal', 'fillBernoulli', 'trap', 'throw', 'exit',
  'winogradForward', 'winogradBackwardInput', 'winogradFilterParts', 'winogradFilterReduce', 'winogradFilter',
  'directForward', 'directFilterParts', 'im2colForward', 'im2colBackwardInput', 'im2colFilterParts', 'sumParts',
  'maxPoolForward', 'maxPoolBackward', 'avgPoolForward', 'avgPoolBackward',
  'batchNormSums', 'batchNormForward', 'batchNormBackward',
] as const;
export type OpName = (typeof OPS)[number];

/** Index of each operation in {@link OPS}. */
export const OP = Object.fromEntries(OPS.map((name, i) => [name, i])) as Record<OpName, number>;

/** The chunk functions of {@link OPS}, from a thread's kernels and its JS test faults. */
export function chunkFunctions(kernels: Kernels, faults: { throw: ChunkFn; exit: ChunkFn }): ChunkFn[] {
  const table = kernels as unknown as Record<string, ChunkFn>;
  return OPS.map((name) => (name === 'throw' || name === 'exit' ? faults[name] : table[name]!));
}
