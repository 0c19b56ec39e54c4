/**
 * Optimizer updates of the webgpu backend, one thread per weight, in float32 (the host backends
 * form the same expressions in float64 before storing float32, so values differ in the last
 * bits). The formulas are those of Backend.adamUpdate, sgdUpdate and rmspropUpdate.
 */
import type { FloatArray } from '../backend.js';
import type { GpuContext } from './gpu-context.js';
import { bindArrays, cachedSource, ENTRY_1D, grid, Params } from './kernel-source.js';

const ADAM_WGSL = `
${ENTRY_1D}
  if (i >= P.n) { return; }
  let g = G[i];
  let m = P.beta1 * M[i] + (1.0 - P.beta1) * g;
  let v = P.beta2 * V[i] + (1.0 - P.beta2) * g * g;
  M[i] = m;
  V[i] = v;
  W[i] = W[i] - P.lrT * m / (sqrt(v) + P.eps);
}`;

/** Adam (see Backend.adamUpdate). */
export function adamUpdate(ctx: GpuContext, w: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, n: number, lrT: number, beta1: number, beta2: number, epsilon: number): void {
  if (n <= 0) return;
  const bound = bindArrays(ctx, [
    { name: 'W', array: w, access: 'readwrite' },
    { name: 'G', array: g, access: 'read' },
    { name: 'M', array: m, access: 'readwrite' },
    { name: 'V', array: v, access: 'readwrite' },
  ], 'adamUpdate');
  const key = `adam|${bound.aliasKey}`;
  const wgsl = cachedSource(key, () => bound.source('struct Params { n: u32, lrT: f32, beta1: f32, beta2: f32, eps: f32 }', ADAM_WGSL));
  ctx.dispatch(key, wgsl, bound.buffers, new Params().u32(n).f32(lrT).f32(beta1).f32(beta2).f32(epsilon).buffer, grid(n));
}

const SGD_WGSL = (momentum: boolean, nesterov: boolean): string => `
${ENTRY_1D}
  if (i >= P.n) { return; }
  let g = G[i];
  ${!momentum ? 'W[i] = W[i] - P.lr * g;' : `let vel = P.momentum * VEL[i] - P.lr * g;
  VEL[i] = vel;
  W[i] = W[i] + ${nesterov ? 'P.momentum * vel - P.lr * g' : 'vel'};`}
}`;

/** SGD with optional (Nesterov) momentum (see Backend.sgdUpdate). */
export function sgdUpdate(ctx: GpuContext, w: FloatArray, g: FloatArray, vel: FloatArray, n: number, lr: number, momentum: number, nesterov: boolean): void {
  if (n <= 0) return;
  const withMomentum = momentum !== 0;
  const bound = bindArrays(ctx, [
    { name: 'W', array: w, access: 'readwrite' },
    { name: 'G', array: g, access: 'read' },
    ...(withMomentum ? [{ name: 'VEL', array: vel, access: 'readwrite' } as const] : []),
  ], 'sgdUpdate');
  const key = `sgd|${+withMomentum}${+nesterov}|${bound.aliasKey}`;
  const wgsl = cachedSource(key, () => bound.source('struct Params { n: u32, lr: f32, momentum: f32 }', SGD_WGSL(withMomentum, nesterov)));
  ctx.dispatch(key, wgsl, bound.buffers, new Params().u32(n).f32(lr).f32(momentum).buffer, grid(n));
}

const RMSPROP_WGSL = (centered: boolean, momentum: boolean): string => `
${ENTRY_1D}
  if (i >= P.n) { return; }
  let g = G[i];
  let v = P.rho * V[i] + (1.0 - P.rho) * g * g;
  V[i] = v;
  ${centered ? `let a = P.rho * AVG[i] + (1.0 - P.rho) * g;
  AVG[i] = a;
  let d = v - a * a + P.eps;` : 'let d = v + P.eps;'}
  let inc = P.lr * g / sqrt(d);
  ${momentum ? `let mo = P.momentum * MOM[i] + inc;
  MOM[i] = mo;
  W[i] = W[i] - mo;` : 'W[i] = W[i] - inc;'}
}`;

/** RMSprop, optionally centered and with momentum (see Backend.rmspropUpdate). */
export function rmspropUpdate(ctx: GpuContext, w: FloatArray, g: FloatArray, v: FloatArray, avg: FloatArray | null, mom: FloatArray | null, n: number, lr: number, rho: number, momentum: number, epsilon: number): void {
  if (n <= 0) return;
  const bound = bindArrays(ctx, [
    { name: 'W', array: w, access: 'readwrite' },
    { name: 'G', array: g, access: 'read' },
    { name: 'V', array: v, access: 'readwrite' },
    ...(avg ? [{ name: 'AVG', array: avg, access: 'readwrite' } as const] : []),
    ...(mom ? [{ name: 'MOM', array: mom, access: 'readwrite' } as const] : []),
  ], 'rmspropUpdate');
  const key = `rmsprop|${+(avg !== null)}${+(mom !== null)}|${bound.aliasKey}`;
  const wgsl = cachedSource(key, () => bound.source('struct Params { n: u32, lr: f32, rho: f32, momentum: f32, eps: f32 }', RMSPROP_WGSL(avg !== null, mom !== null)));
  ctx.dispatch(key, wgsl, bound.buffers, new Params().u32(n).f32(lr).f32(rho).f32(momentum).f32(epsilon).buffer, grid(n));
}
