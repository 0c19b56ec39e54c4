/**
 * Masking noise (Vincent et al. 2008, "Extracting and composing robust features with
 * denoising autoencoders"): for each sample, a fixed number `round(v d)` of its `d` values,
 * chosen uniformly at random, is set to 0; the others are left untouched (no rescaling, unlike
 * dropout). Training only; the identity at inference. Backward: `dx = dy * m`, the mask of the
 * forward pass.
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
import { SubsetSampler, checkCorruptsSome, corruptedCount } from './subset-sampler.js';

export interface MaskingNoiseOptions {
  /** Fraction `v` in [0, 1) of each sample's values set to 0; a number or a schedule.; default 0.2. */
  rate?: NoiseLevel;
  name?: string;
}

export class MaskingNoise extends NoiseLayer {
  readonly className = 'MaskingNoise';
  readonly rate: NoiseLevel;
  private readonly sampler = new SubsetSampler();

  constructor(options: MaskingNoiseOptions = {}) {
    const o = parseOptions('maskingNoise', MASKING_NOISE.options, options);
    super(o.name);
    this.rate = o.rate!;
  }

  override seedRandom(seed: number): void {
    super.seedRandom(seed);
    this.sampler.reset();
  }

  protected override onBuild(): void {
    checkCorruptsSome('maskingNoise', this.rate, this.inputSize);
  }

  protected level(): NoiseLevel {
    return this.rate;
  }

  protected override isActive(ctx: StepContext): boolean {
    return corruptedCount(levelAt(this.rate, ctx), this.inputSize) > 0;
  }

  protected addNoise(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const d = this.inputSize;
    const n = batch * d;
    const k = corruptedCount(levelAt(this.rate, ctx), d);
    this.sampler.reset();
    const mask = this.scratch('mask', n);
    const out = this.scratch('out', n);
    this.backend.scale(mask, 0, 1, mask, n);
    for (let r = 0; r < batch; r++) this.sampler.pick(this.generator, d, k, (j) => (mask[r * d + j] = 0));
    this.backend.mul(x, mask, out, n);
    return out;
  }

  protected noiseBackward(dy: FloatArray, batch: number): FloatArray {
    return this.maskedGradient(dy, batch);
  }

  getConfig(): LayerConfig {
    return { name: this.name, rate: this.rate };
  }
}

/** Zeroes a fixed fraction of each sample in training; see {@link MaskingNoiseOptions}. */
export function maskingNoise(options: MaskingNoiseOptions = {}): MaskingNoise {
  return new MaskingNoise(options);
}

export const MASKING_NOISE = defineLayer<MaskingNoiseOptions>({
  className: 'MaskingNoise',
  factory: 'maskingNoise',
  summary: 'sets a fixed fraction of each sample to 0 in training',
  hostOnly: 'picks the masked values in JavaScript',
  options: { rate: level('fraction v of each sample set to 0', RATE, { default: 0.2 }), name: NAME },
  create: (o) => new MaskingNoise(o),
  tfjs: { className: null },
  onnx: ONNX_IDENTITY,
});

export const MASKING_NOISE_TECHNIQUE = defineTechnique({
  name: 'masking',
  aliases: ['masking-noise'],
  title: 'masking noise',
  description: 'Sets a fixed fraction of each sample, chosen at random, to 0 without rescaling (denoising autoencoders).',
  formula: 'round(v d) random values of each sample set to 0',
  paper: 'Vincent et al. 2008',
  typical: 'rate 0.1 to 0.4 (Vincent et al. 2010)',
  offeredBy: { keras: '-', tfjs: '-', pytorch: '-' },
  example: 'masking:rate=0.2',
  target: { kind: 'layer', layer: MASKING_NOISE, defaultWhere: 'input' },
});
