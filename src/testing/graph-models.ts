/** Graph models the tests of several folders share. Not part of the public API. */
import { model } from '../models/functional.js';
import type { Model } from '../models/model.js';
import { input } from '../layers/input.js';
import { conv2d } from '../layers/conv2d.js';
import { add, average, multiply } from '../layers/merge.js';
import { concatenate } from '../layers/concatenate.js';
import { globalAveragePooling2d } from '../layers/global-average-pooling2d.js';
import { dense } from '../layers/dense.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { dropPath } from '../noise/drop-path.js';
import { shakeDrop } from '../noise/shake-drop.js';
import { shakeShake } from '../noise/shake-shake.js';

/** A graph with every merge layer (add, multiply, average and concatenate of vectors and feature maps) and the noises of residual branches. */
export function everyMerge(shape: number[] = [8, 8, 2]): Model {
  const x = input({ shape });
  const a = conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'tanh' }).apply(x);
  const b = conv2d({ filters: 3, kernelSize: 1, activation: 'sigmoid' }).apply(x);
  const shaken = shakeShake().apply([dropPath({ rate: 0.3 }).apply(a), shakeDrop({ rate: 0.4 }).apply(b)]);
  const maps = concatenate().apply([add().apply([a, b]), multiply().apply([a, b, a]), average().apply([a, b]), shaken]);
  const v = globalAveragePooling2d().apply(maps);
  const out = dense({ units: 3, activation: 'softmax' }).apply(concatenate().apply([v, multiply().apply([v, v])]));
  return model({ inputs: x, outputs: out, backend: createRefBackend() });
}

