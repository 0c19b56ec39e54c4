/**
 * DropPath, stochastic depth (Huang et al. 2016, "Deep Networks with Stochastic Depth"): placed at
 * the end of a residual branch, it drops the whole branch of a sample with probability `p`, so the
 * block passes only its shortcut: `y[b] = x[b] * m[b] / (1 - p)`, `m[b] ~ Bernoulli(1 - p)` per
 * sample, in training only. The survival probability's scaling is applied in training (as timm's
 * DropPath and torchvision's StochasticDepth do), so the layer is the identity at inference,
 * where the paper scales the branch by `1 - p` instead: the same expectation. Backward:
 * `dx = dy * m / (1 - p)`. The `drop-path` technique places one per residual branch with the
 * paper's linear decay: block `l` of `L` drops with `p_l = (l / L) * rate`.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import { NoiseLayer } from './noise-layer.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { NAME, RATE, level } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer, defineTechnique } from '../parts/definitions.js';
import { ONNX_IDENTITY } from '../parts/onnx.js';

export interface DropPathOptions {
  /** Probability `p` in [0, 1) of dropping a sample's branch; a number or a schedule; default 0.1. */
  rate?: NoiseLevel;
  name?: string;
}

export class DropPath extends NoiseLayer {
  readonly className = 'DropPath';
  readonly rate: NoiseLevel;

  constructor(options: DropPathOptions = {}) {
    const o = parseOptions('dropPath', DROP_PATH.options, options);
    super(o.name);
    this.rate = o.rate!;
  }

  protected level(): NoiseLevel {
    return this.rate;
  }

  protected addNoise(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const keep = 1 - levelAt(this.rate, ctx);
    const size = this.inputSize;
    const n = batch * size;
    const mask = this.scratch('mask', n);
    const out = this.scratch('out', n);
    const rng = this.generator;
    for (let b = 0; b < batch; b++) mask.fill(rng.uniform() < keep ? 1 / keep : 0, b * size, (b + 1) * size);
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

/** Drops a sample's residual branch in training; see {@link DropPathOptions}. */
export function dropPath(options: DropPathOptions = {}): DropPath {
  return new DropPath(options);
}

export const DROP_PATH = defineLayer<DropPathOptions>({
  className: 'DropPath',
  factory: 'dropPath',
  summary: "drops whole samples' residual branches in training (stochastic depth)",
  hostOnly: 'draws its per-sample mask in JavaScript',
  options: { rate: level('probability p of dropping a sample\'s branch', RATE, { default: 0.1 }), name: NAME },
  onnx: ONNX_IDENTITY,
  create: (o) => new DropPath(o),
  tfjs: { className: null },
});

export const DROP_PATH_TECHNIQUE = defineTechnique({
  name: 'drop-path',
  aliases: ['stochastic-depth', 'droppath'],
  title: 'DropPath (stochastic depth)',
  description: "Drops the residual branch of each sample with probability p_l, leaving the block its shortcut, and scales kept branches by 1 / (1 - p_l); p_l grows linearly with depth to `rate` at the last block. Needs a model with residual branches (--model resnet).",
  formula: 'x + F(x) * m / (1 - p_l), m ~ Bernoulli(1 - p_l), p_l = (l / L) rate',
  paper: 'Huang et al. 2016',
  typical: 'rate 0.5 at the last block (the paper, 110-layer ResNet on CIFAR); 0.1 to 0.2 for ResNet-20 and short runs',
  offeredBy: { keras: 'keras_cv.layers.StochasticDepth', tfjs: '-', pytorch: 'torchvision.ops.StochasticDepth, timm DropPath' },
  example: 'drop-path:rate=0.2',
  api: 'dropPath({ rate }) on each residual branch',
  params: { rate: level('drop probability of the last block; block l of L drops with (l / L) rate', RATE, { default: 0.1 }) },
  target: { kind: 'branch', layer: DROP_PATH, defaultWhere: 'all' },
});
