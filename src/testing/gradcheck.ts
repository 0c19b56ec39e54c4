/**
 * Finite-difference gradient checks in float64, shared by the layer, loss and noise tests.
 * Not part of the public API.
 */
import type { Backend, FloatArray } from '../kernels/backend.js';
import type { Layer } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { Xoshiro128 } from '../random/xoshiro.js';

export const TRAIN: StepContext = { training: true, step: 0, epoch: 0 };

/** A float64 reference backend: finite differences need the precision. */
export function backend64(): Backend {
  return createRefBackend('float64');
}

/** `n` values uniform in [-scale, scale) from `seed`, in backend memory. */
export function randomBuffer(backend: Backend, n: number, seed: number, scale = 1): FloatArray {
  const rng = new Xoshiro128(seed);
  const out = backend.alloc(n);
  for (let i = 0; i < n; i++) out[i] = (2 * rng.uniform() - 1) * scale;
  return out;
}

/** Largest relative error between two gradients, with an absolute floor for tiny values. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-6): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(floor, Math.abs(a[i]!) + Math.abs(b[i]!)));
  return worst;
}

/** Central differences of `f` with respect to every element of `x`, restoring `x` afterwards. */
export function numericGradient(f: () => number, x: FloatArray, h = 1e-6): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const keep = x[i]!;
    x[i] = keep + h;
    const up = f();
    x[i] = keep - h;
    const down = f();
    x[i] = keep;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

/**
 * Checks a built layer: the objective `sum(r * forward(x))` for a fixed random `r`, its
 * analytic gradients from `backward` against central differences for the input and every
 * weight. `prepare` runs before every forward pass (e.g. to reseed a noise layer so that its
 * mask stays fixed). `h` is the finite-difference step. Returns the worst relative error per
 * gradient.
 */
export function checkLayerGradients(layer: Layer, batch: number, seed: number, ctx: StepContext = TRAIN, prepare: () => void = () => {}, h = 1e-6): Record<string, number> {
  const b = layerBackend(layer);
  const x = randomBuffer(b, batch * layer.inputSize, seed);
  const r = randomBuffer(b, batch * layer.outputSize, seed + 1);
  const objective = (): number => {
    prepare();
    const y = layer.forward(x, batch, ctx);
    let s = 0;
    for (let i = 0; i < batch * layer.outputSize; i++) s += r[i]! * y[i]!;
    return s;
  };
  objective();
  const dy = b.alloc(r.length);
  dy.set(r);
  const dx = layer.backward(dy, batch, true)!;
  const analytic: Record<string, Float64Array> = { input: Float64Array.from(dx) };
  for (const p of layer.params()) analytic[p.name] = Float64Array.from(p.grad);
  const errors: Record<string, number> = { input: maxRelativeError(analytic.input!, numericGradient(objective, x, h)) };
  for (const p of layer.params()) errors[p.name] = maxRelativeError(analytic[p.name]!, numericGradient(objective, p.value, h));
  return errors;
}

function layerBackend(layer: Layer): Backend {
  return (layer as unknown as { backend: Backend }).backend;
}
