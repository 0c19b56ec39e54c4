/**
 * The exports of the compiled AssemblyScript module (assembly/index.ts): pointers are byte
 * offsets in the shared memory; `i0, i1` / `r0, r1` / `b0, b1` select the part of the work a
 * thread does.
 */
export interface Kernels {
  matmulPart(a: number, b: number, c: number, m: number, k: number, n: number, flags: number, i0: number, i1: number, j0: number, j1: number, scratch: number): void;
  biasActivation(x: number, bias: number, y: number, cols: number, act: number, r0: number, r1: number): void;
  activationBackward(dy: number, x: number, y: number, cols: number, act: number, r0: number, r1: number): void;
  softmaxCrossEntropy(logits: number, labels: number, rows: number, cols: number, smoothing: number, grad: number, gradScale: number): number;
  countCorrect(scores: number, labels: number, rows: number, cols: number): number;
  add(a: number, b: number, out: number, i0: number, i1: number): void;
  mul(a: number, b: number, out: number, i0: number, i1: number): void;
  scale(a: number, s: number, t: number, out: number, i0: number, i1: number): void;
  sum(a: number, n: number): number;
  sumRows(x: number, rows: number, cols: number, out: number, accumulate: number, c0: number, c1: number): void;
  gatherRows(src: number, index: number, rowSize: number, scale: number, out: number, r0: number, r1: number): void;
  adamUpdate(w: number, g: number, m: number, v: number, lrT: number, beta1: number, beta2: number, epsilon: number, i0: number, i1: number): void;
  sgdUpdate(w: number, g: number, vel: number, lr: number, momentum: number, nesterov: number, i0: number, i1: number): void;
  fillUniform(out: number, n: number, lo: number, hi: number, seed: number, first: number, b0: number, b1: number): void;
  fillNormal(out: number, n: number, mean: number, std: number, seed: number, first: number, b0: number, b1: number): void;
  fillBernoulli(out: number, n: number, p: number, seed: number, first: number, b0: number, b1: number): void;
  trap(): void;
  heapBase(): number;
}

/** Flag bits of `matmulPart`. */
export const TRANS_A = 1;
export const TRANS_B = 2;
export const ACCUMULATE = 4;

/**
 * Operations a worker can be asked to run, by index: the kernels that are split between
 * threads, and two test faults (`throw` raises in the worker's JavaScript, `exit` ends the
 * worker thread).
 */
export const OPS = ['matmulPart', 'biasActivation', 'activationBackward', 'add', 'mul', 'scale', 'adamUpdate', 'sgdUpdate', 'fillUniform', 'fillNormal', 'fillBernoulli', 'trap', 'throw', 'exit'] as const;
export type OpName = (typeof OPS)[number];

/** Index of each operation in {@link OPS}. */
export const OP = Object.fromEntries(OPS.map((name, i) => [name, i])) as Record<OpName, number>;

/** Most arguments an operation takes. */
export const MAX_ARGS = 12;
