/** Element-wise kernels split into ranges between threads when they are long enough. */
import type { FloatArray } from '../backend.js';
import { OP } from './kernels.js';
import { cut, type WasmContext } from './context.js';

/** Below this many elements an element-wise kernel stays on one thread. */
const MIN_PARALLEL_ELEMENTS = 48 * 1024;

type Binary = 'add' | 'mul';

/** `out = a (+|*) b` over n elements. */
export function binary(ctx: WasmContext, op: Binary, a: FloatArray, b: FloatArray, out: FloatArray, n: number): void {
  const { mem, k } = ctx;
  const pa = mem.ptr(a, n, op);
  const pb = mem.ptr(b, n, op);
  const po = mem.ptr(out, n, op);
  const parts = ctx.parts(n, 1, MIN_PARALLEL_ELEMENTS);
  for (let t = 1; t < parts; t++) ctx.pool!.post(t - 1, OP[op], pa, pb, po, cut(n, parts, t, 16), cut(n, parts, t + 1, 16));
  try {
    k[op](pa, pb, po, 0, cut(n, parts, 1, 16));
  } finally {
    if (parts > 1) ctx.pool!.wait();
  }
}

/** `out = a * s + t` over n elements. */
export function scale(ctx: WasmContext, a: FloatArray, s: number, t: number, out: FloatArray, n: number): void {
  const { mem, k } = ctx;
  const pa = mem.ptr(a, n, 'scale');
  const po = mem.ptr(out, n, 'scale');
  const parts = ctx.parts(n, 1, MIN_PARALLEL_ELEMENTS);
  for (let p = 1; p < parts; p++) ctx.pool!.post(p - 1, OP.scale, pa, s, t, po, cut(n, parts, p, 16), cut(n, parts, p + 1, 16));
  try {
    k.scale(pa, s, t, po, 0, cut(n, parts, 1, 16));
  } finally {
    if (parts > 1) ctx.pool!.wait();
  }
}

/** Adam over n elements; see Backend.adamUpdate. */
export function adam(ctx: WasmContext, w: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, n: number, lrT: number, beta1: number, beta2: number, epsilon: number): void {
  const { mem, k } = ctx;
  const pw = mem.ptr(w, n, 'adam w');
  const pg = mem.ptr(g, n, 'adam g');
  const pm = mem.ptr(m, n, 'adam m');
  const pv = mem.ptr(v, n, 'adam v');
  const parts = ctx.parts(n, 1, MIN_PARALLEL_ELEMENTS);
  for (let t = 1; t < parts; t++) ctx.pool!.post(t - 1, OP.adamUpdate, pw, pg, pm, pv, lrT, beta1, beta2, epsilon, cut(n, parts, t, 16), cut(n, parts, t + 1, 16));
  try {
    k.adamUpdate(pw, pg, pm, pv, lrT, beta1, beta2, epsilon, 0, cut(n, parts, 1, 16));
  } finally {
    if (parts > 1) ctx.pool!.wait();
  }
}

/** SGD over n elements; see Backend.sgdUpdate. */
export function sgd(ctx: WasmContext, w: FloatArray, g: FloatArray, vel: FloatArray, n: number, lr: number, momentum: number, nesterov: boolean): void {
  const { mem, k } = ctx;
  const pw = mem.ptr(w, n, 'sgd w');
  const pg = mem.ptr(g, n, 'sgd g');
  const pv = momentum === 0 ? pw : mem.ptr(vel, n, 'sgd vel');
  const nest = nesterov ? 1 : 0;
  const parts = ctx.parts(n, 1, MIN_PARALLEL_ELEMENTS);
  for (let t = 1; t < parts; t++) ctx.pool!.post(t - 1, OP.sgdUpdate, pw, pg, pv, lr, momentum, nest, cut(n, parts, t, 16), cut(n, parts, t + 1, 16));
  try {
    k.sgdUpdate(pw, pg, pv, lr, momentum, nest, 0, cut(n, parts, 1, 16));
  } finally {
    if (parts > 1) ctx.pool!.wait();
  }
}
