/**
 * Alpha dropout for self-normalising (SELU) networks (Klambauer et al. 2017, sec. "New
 * dropout technique"): each unit is dropped with probability `q` to `a' = -lambda * alpha`
 * (about -1.7581, SELU's negative saturation value) instead of 0, then an affine map restores
 * the moments: `y = a (x m + a' (1 - m)) + b`, `m ~ Bernoulli(1 - q)`, with
 * `a = ((1 - q)(1 + q a'^2))^(-1/2)` and `b = -a q a'`. For inputs of mean 0 and variance 1
 * the output keeps mean 0 and variance 1. Training only; the identity at inference.
 * Backward: `dx = a * m * dy`.
 *
 * This is Keras' formula. TensorFlow.js 4.22 computes `x m + (m - 1) a'`, which sets dropped
 * units to `+1.7581`: a sign error that breaks the moment correction.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import { NoiseLayer } from './noise-layer.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { NAME, RATE, level } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { ONNX_IDENTITY } from '../parts/onnx.js';
import { defineLayer, defineTechnique } from '../parts/definitions.js';
import { SELU_ALPHA, SELU_SCALE } from '../kernels/ref/activations.js';

/** The value dropped units take before the affine correction: `-lambda * alpha`. */
export const ALPHA_PRIME = -SELU_SCALE * SELU_ALPHA;

/** The affine correction `[a, b]` for drop rate `q`. */
export function alphaDropoutAffine(q: number): [number, number] {
  const a = ((1 - q) * (1 + q * ALPHA_PRIME * ALPHA_PRIME)) ** -0.5;
  return [a, -a * q * ALPHA_PRIME];
}

export interface AlphaDropoutOptions {
  /** Drop probability `q` in [0, 1), usually 0.05-0.1; a number or a schedule.; default 0.1. */
  rate?: NoiseLevel;
  name?: string;
}

export class AlphaDropout extends NoiseLayer {
  readonly className = 'AlphaDropout';
  readonly rate: NoiseLevel;
  private lastA = 1;

  constructor(options: AlphaDropoutOptions = {}) {
    const o = parseOptions('alphaDropout', ALPHA_DROPOUT.options, options);
    super(o.name);
    this.rate = o.rate!;
  }

  protected level(): NoiseLevel {
    return this.rate;
  }

  protected addNoise(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const b = this.backend;
    const n = batch * this.inputSize;
    const q = levelAt(this.rate, ctx);
    const [a, shift] = alphaDropoutAffine(q);
    const mask = this.scratch('mask', n);
    const fill = this.scratch('fill', n);
    const out = this.scratch('out', n);
    b.fillBernoulli(this.stream, mask, n, 1 - q);
    b.scale(mask, -ALPHA_PRIME, ALPHA_PRIME, fill, n); // a' (1 - m)
    b.mul(x, mask, out, n);
    b.add(out, fill, out, n);
    b.scale(out, a, shift, out, n);
    this.lastA = a;
    return out;
  }

  protected noiseBackward(dy: FloatArray, batch: number): FloatArray {
    const dx = this.maskedGradient(dy, batch);
    this.backend.scale(dx, this.lastA, 0, dx, batch * this.inputSize);
    return dx;
  }

  getConfig(): LayerConfig {
    return { name: this.name, rate: this.rate };
  }
}

/** Alpha dropout for SELU networks; see {@link AlphaDropoutOptions}. */
export function alphaDropout(options: AlphaDropoutOptions = {}): AlphaDropout {
  return new AlphaDropout(options);
}

export const ALPHA_DROPOUT = defineLayer<AlphaDropoutOptions>({
  className: 'AlphaDropout',
  factory: 'alphaDropout',
  summary: 'dropout for SELU networks in training',
  options: { rate: level('drop probability q', RATE, { default: 0.1 }), name: NAME },
  create: (o) => new AlphaDropout(o),
  tfjs: { className: 'AlphaDropout' },
  onnx: ONNX_IDENTITY,
});

export const ALPHA_DROPOUT_TECHNIQUE = defineTechnique({
  name: 'alpha-dropout',
  aliases: [],
  title: 'alpha dropout',
  description: 'Dropout for SELU networks: dropped values go to SELU saturation, then an affine map keeps mean 0 and variance 1.',
  formula: "a (x m + a' (1 - m)) + b, a' = -1.7581, a = ((1 - q)(1 + q a'^2))^-1/2, b = -a q a'",
  paper: 'Klambauer et al. 2017',
  typical: 'rate 0.05 to 0.1 with SELU activations (Klambauer et al. 2017)',
  offeredBy: { keras: 'AlphaDropout', tfjs: 'alphaDropout (dropped units at +1.758: a sign error)', pytorch: 'AlphaDropout' },
  example: 'alpha-dropout:rate=0.1',
  target: { kind: 'layer', layer: ALPHA_DROPOUT, defaultWhere: 'hidden', expects: { activation: 'selu', why: 'alpha dropout keeps mean 0 and variance 1 only for the outputs of selu layers' } },
});
