/** Models for the ONNX export tests: every dense-side layer, noise layer and option in one model. */
import { sequential, type Sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { activation } from '../layers/activation.js';
import { leakyRelu } from '../layers/leaky-relu.js';
import { rescaling } from '../layers/rescaling.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { gaussianDropout } from '../noise/gaussian-dropout.js';
import { dropout } from '../noise/dropout.js';
import { alphaDropout } from '../noise/alpha-dropout.js';
import { maskingNoise } from '../noise/masking-noise.js';
import { saltAndPepper } from '../noise/salt-and-pepper.js';
import { uniformNoise } from '../noise/uniform-noise.js';
import type { Activation } from '../kernels/backend.js';

/** Features of {@link everyLayer}'s input. */
export const FEATURES = 12;

/** A model with every noise layer, a Dense of activation `act`, DropConnect (scheduled) and weight noise, and a softmax. */
export function everyLayer(act: Activation, seed: number): Sequential {
  const model = sequential([
    input({ shape: [FEATURES] }),
    rescaling({ scale: 0.8, offset: 0.05 }),
    gaussianNoise({ stddev: 0.2 }),
    uniformNoise({ amplitude: 0.1 }),
    maskingNoise({ rate: 0.1 }),
    saltAndPepper({ rate: 0.05 }),
    dense({ units: 9, activation: act, weightNoise: { stddev: 0.05 }, dropConnect: { rate: { from: 0.5, to: 0.3 } } }),
    gaussianDropout({ rate: 0.2 }),
    dropout({ rate: 0.5 }),
    dense({ units: 6, activation: act, useBias: false }),
    leakyRelu({ negativeSlope: 0.3 }),
    activation({ activation: act }),
    alphaDropout({ rate: 0.1 }),
    dense({ units: 4, activation: 'softmax', dropConnect: { rate: 0.25 } }),
  ]);
  model.initializeWeights(seed);
  return model;
}
