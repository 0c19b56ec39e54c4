/**
 * Shared helpers for test-time noise: reading samples of a Tensor as floats, adding seeded
 * Gaussian noise to a chunk of them, and classifying a chunk with a model (argmax of its output).
 */
import type { Sequential } from '../models/sequential.js';
import type { Xoshiro128 } from '../random/xoshiro.js';
import { Tensor } from '../tensor/tensor.js';
import { ShapeError } from '../errors.js';

/** Clipping applied after the noise is added, e.g. `{ min: 0, max: 1 }` for pixel intensities. */
export interface ClipRange {
  min: number;
  max: number;
}

/**
 * Writes samples `from .. from + count` of `x` (scaled, e.g. bytes / 255) plus `N(0, stddev²)`
 * noise per value into `out`, clipped to `clip` when given. Only this chunk is ever held as floats.
 */
export function noisyChunk(x: Tensor, from: number, count: number, stddev: number, rng: Xoshiro128 | null, out: Float32Array, clip: ClipRange | null = null): Float32Array {
  const size = x.sampleSize;
  const data = x.data;
  const scale = x.scale;
  const base = from * size;
  const n = count * size;
  for (let i = 0; i < n; i++) {
    let v = data[base + i]! * scale;
    if (stddev > 0 && rng) v += stddev * rng.normal();
    if (clip) v = v < clip.min ? clip.min : v > clip.max ? clip.max : v;
    out[i] = v;
  }
  return out.length === n ? out : out.subarray(0, n);
}

/** Index of the largest of `k` values starting at `offset` (the first one on ties). */
export function argmax(values: ArrayLike<number>, offset: number, k: number): number {
  let best = 0;
  let bestValue = values[offset]!;
  for (let j = 1; j < k; j++) {
    const v = values[offset + j]!;
    if (v > bestValue) {
      bestValue = v;
      best = j;
    }
  }
  return best;
}

/** The class the model predicts for each of `count` float samples in `batch` (noise layers off). */
export function classify(model: Sequential, batch: Float32Array, count: number, batchSize: number): Int32Array {
  const probs = model.predict(new Tensor(batch, [count, batch.length / count]), { batchSize });
  const k = probs.sampleSize;
  const out = new Int32Array(count);
  // One output is a binary model's probability of class 1.
  for (let i = 0; i < count; i++) out[i] = k === 1 ? (probs.data[i]! > 0.5 ? 1 : 0) : argmax(probs.data, i * k, k);
  return out;
}

/** The class index of every sample of `y`: class indices as they are, or the argmax of one-hot rows. */
export function labelsOfTensor(y: Tensor, count: number): Int32Array {
  if (y.count !== count) throw new ShapeError(`labels: ${y.count} labels for ${count} samples`);
  const k = y.sampleSize;
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = k === 1 ? y.at(i) : argmax(y.data, i * k, k);
  return out;
}

/** Resolves on the next turn of the event loop, so long loops let timers and signals through. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
