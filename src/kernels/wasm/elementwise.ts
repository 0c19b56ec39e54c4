/** Element-wise kernels split into ranges between threads when they are long enough. */
import type { FloatArray } from '../backend.js';
import { OP } from './kernels.js';
import type { WasmContext } from './context.js';

/** Below this many elements an element-wise kernel stays on one thread. */
const MIN_PARALLEL_ELEMENTS = 48 * 1024;

type Binary = 'add' | 'mul';

/** `out = a (+|*) b` over n elements. */
export function binary(ctx: WasmContext, op: Binary, a: FloatArray, b: FloatArray, out: FloatArray, n: number): void {
  const mem = ctx.mem;
  const pa = mem.ptr(a, n, op);
  const pb = mem.ptr(b, n, op);
  const po = mem.ptr(out, n, op);
  ctx.run(OP[op], n, 16, 1, MIN_PARALLEL_ELEMENTS, pa, pb, po);
}

/** `out = a * s + t` over n elements. */
export function scale(ctx: WasmContext, a: FloatArray, s: number, t: number, out: FloatArray, n: number): void {
  const mem = ctx.mem;
  const pa = mem.ptr(a, n, 'scale');
  const po = mem.ptr(out, n, 'scale');
  ctx.run(OP.scale, n, 16, 1, MIN_PARALLEL_ELEMENTS, pa, s, t, po);
}

/** Adam over n elements; see Backend.adamUpdate. */
export function adam(ctx: WasmContext, w: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, n: number, lrT: number, beta1: number, beta2: number, epsilon: number): void {
  const mem = ctx.mem;
  const pw = mem.ptr(w, n, 'adam w');
  const pg = mem.ptr(g, n, 'adam g');
  const pm = mem.ptr(m, n, 'adam m');
  const pv = mem.ptr(v, n, 'adam v');
  ctx.run(OP.adamUpdate, n, 16, 1, MIN_PARALLEL_ELEMENTS, pw, pg, pm, pv, lrT, beta1, beta2, epsilon);
}

/** SGD over n elements; see Backend.sgdUpdate. */
export function sgd(ctx: WasmContext, w: FloatArray, g: FloatArray, vel: FloatArray, n: number, lr: number, momentum: number, nesterov: boolean): void {
  const mem = ctx.mem;
  const pw = mem.ptr(w, n, 'sgd w');
  const pg = mem.ptr(g, n, 'sgd g');
  const pv = momentum === 0 ? pw : mem.ptr(vel, n, 'sgd vel');
  const nest = nesterov ? 1 : 0;
  ctx.run(OP.sgdUpdate, n, 16, 1, MIN_PARALLEL_ELEMENTS, pw, pg, pv, lr, momentum, nest);
}


/** RMSprop over n elements; see Backend.rmspropUpdate. */
export function rmsprop(ctx: WasmContext, w: FloatArray, g: FloatArray, v: FloatArray, avg: FloatArray | null, mom: FloatArray | null, n: number, lr: number, rho: number, momentum: number, epsilon: number): void {
  const mem = ctx.mem;
  const pw = mem.ptr(w, n, 'rmsprop w');
  const pg = mem.ptr(g, n, 'rmsprop g');
  const pv = mem.ptr(v, n, 'rmsprop v');
  const pa = avg ? mem.ptr(avg, n, 'rmsprop avg') : 0;
  const pm = mom ? mem.ptr(mom, n, 'rmsprop momentum') : 0;
  ctx.run(OP.rmspropUpdate, n, 16, 1, MIN_PARALLEL_ELEMENTS, pw, pg, pv, pa, pm, lr, rho, momentum, epsilon);
}
