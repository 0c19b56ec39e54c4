/** Bias + activation and its derivative, split by rows between threads when large. */
import { ACTIVATIONS, NEEDS_PRE_ACTIVATION, type Activation, type FloatArray } from '../backend.js';
import { invalid } from '../../errors.js';
import { OP } from './kernels.js';
import type { WasmContext } from './context.js';

const CODES = new Map<Activation, number>(ACTIVATIONS.map((a, i) => [a, i]));
/** Cost of one element relative to an addition, for the threading threshold. */
const CHEAP = new Set<Activation>(['linear', 'relu', 'leakyRelu']);
const MIN_PARALLEL_COST = 64 * 1024;

/** The kernels' code of an activation. */
export function activationCode(act: Activation): number {
  const c = CODES.get(act);
  if (c === undefined) throw invalid('wasm backend', 'activation', `one of ${ACTIVATIONS.join(', ')}`, act);
  return c;
}

/** See Backend.biasActivation. */
export function biasActivation(ctx: WasmContext, x: FloatArray, bias: FloatArray | null, y: FloatArray, rows: number, cols: number, act: Activation): void {
  const mem = ctx.mem;
  const px = mem.ptr(x, rows * cols, 'biasActivation x');
  const py = mem.ptr(y, rows * cols, 'biasActivation y');
  const pb = bias ? mem.ptr(bias, cols, 'biasActivation bias') : 0;
  const c = activationCode(act);
  ctx.run(OP.biasActivation, rows, 1, cols * (CHEAP.has(act) ? 1 : 16), MIN_PARALLEL_COST, px, pb, py, cols, c);
}

/** See Backend.activationBackward. */
export function activationBackward(ctx: WasmContext, dy: FloatArray, x: FloatArray | null, y: FloatArray, rows: number, cols: number, act: Activation): void {
  const mem = ctx.mem;
  const pdy = mem.ptr(dy, rows * cols, 'activationBackward dy');
  const py = mem.ptr(y, rows * cols, 'activationBackward y');
  const needX = NEEDS_PRE_ACTIVATION.has(act);
  if (needX && !x) throw invalid('activationBackward', 'x', `the pre-activation for ${act}`, x);
  const px = needX && x ? mem.ptr(x, rows * cols, 'activationBackward x') : 0;
  const c = activationCode(act);
  if (act === 'linear') return;
  ctx.run(OP.activationBackward, rows, 1, cols * (CHEAP.has(act) ? 1 : 16), MIN_PARALLEL_COST, pdy, px, py, cols, c);
}
