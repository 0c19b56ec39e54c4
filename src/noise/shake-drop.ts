/**
 * ShakeDrop (Yamada et al. 2019, "ShakeDrop Regularization for Deep Residual Learning"): at the
 * end of a residual branch, in training, `y[b] = (g[b] + a[b] - g[b] a[b]) x[b]` with
 * `g[b] ~ Bernoulli(1 - p)` per sample (the branch kept as it is) and `a[b] ~ U[-1, 1]` (the
 * branch shaken, even negated, when `g = 0`); the backward pass uses an independent
 * `c[b] ~ U[0, 1]` in place of `a`: `dx = (g + c - g c) dy`. At inference the branch is scaled
 * by its expectation, `1 - p`. The `shakedrop` technique places one per residual branch with
 * the paper's linear decay: block `l` of `L` has `p_l = (l / L) * rate`.
 */
import type { FloatArray } from '../kernels/backend.js';
import { Layer, type LayerConfig } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import { StepRandom } from '../random/step-random.js';
import { NAME, RATE, number } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer, defineTechnique } from '../parts/definitions.js';

export interface ShakeDropOptions {
  /** Probability `p` in [0, 1) that a sample's branch is shaken rather than kept; default 0.5. */
  rate?: number;
  name?: string;
}

export class ShakeDrop extends Layer {
  readonly className = 'ShakeDrop';
  readonly rate: number;
  private readonly draws = StepRandom.from(0, 'noise');
  /** Whether the last forward pass was in training (the backward pass then uses `backwardScale`). */
  private shaken = false;

  constructor(options: ShakeDropOptions = {}) {
    const o = parseOptions('shakeDrop', SHAKE_DROP.options, options);
    super(o.name);
    this.rate = o.rate!;
  }

  override seedRandom(seed: number): void {
    this.draws.reseedFrom(seed, 'noise');
  }

  forward(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const size = this.inputSize;
    const n = batch * size;
    const out = this.scratch('out', n);
    this.shaken = ctx.training && this.rate > 0;
    if (!this.shaken) {
      this.backend.scale(x, 1 - this.rate, 0, out, n);
      return out;
    }
    this.draws.at(ctx.step);
    const rng = this.draws.generator();
    const forward = this.scratch('forward', n);
    const backward = this.scratch('backward', n);
    for (let b = 0; b < batch; b++) {
      const keep = rng.uniform() >= this.rate;
      const a = 2 * rng.uniform() - 1;
      const c = rng.uniform();
      forward.fill(keep ? 1 : a, b * size, (b + 1) * size);
      backward.fill(keep ? 1 : c, b * size, (b + 1) * size);
    }
    this.backend.mul(x, forward, out, n);
    return out;
  }

  backward(dy: FloatArray, batch: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const n = batch * this.inputSize;
    const dx = this.scratch('dx', n);
    if (this.shaken) this.backend.mul(dy, this.scratch('backward', n), dx, n);
    else this.backend.scale(dy, 1 - this.rate, 0, dx, n);
    return dx;
  }

  getConfig(): LayerConfig {
    return { name: this.name, rate: this.rate };
  }
}

/** Shakes a sample's residual branch in training, scales it by `1 - rate` at inference; see {@link ShakeDropOptions}. */
export function shakeDrop(options: ShakeDropOptions = {}): ShakeDrop {
  return new ShakeDrop(options);
}

export const SHAKE_DROP = defineLayer<ShakeDropOptions>({
  className: 'ShakeDrop',
  factory: 'shakeDrop',
  summary: 'shakes residual branches per sample in training (ShakeDrop), scales them by 1 - rate at inference',
  hostOnly: 'draws its per-sample factors in JavaScript',
  options: { rate: number('probability p that a sample\'s branch is shaken', { range: RATE, default: 0.5 }), name: NAME },
  create: (o) => new ShakeDrop(o),
  tfjs: { className: null },
  onnx: {
    toOnnx: (layer, input, graph) => {
      const p = Number(layer.getConfig()['rate']);
      const name = graph.node('Mul', [input.name, graph.constant(`${layer.name}_scale`, [], Float32Array.of(1 - p))], layer.name);
      return { ...input, name };
    },
  },
});

export const SHAKE_DROP_TECHNIQUE = defineTechnique({
  name: 'shakedrop',
  aliases: ['shake-drop'],
  title: 'ShakeDrop',
  description: 'Multiplies the residual branch of each sample by 1 (kept, probability 1 - p_l) or by a ~ U[-1, 1] (shaken), with an independent c ~ U[0, 1] in the backward pass; at inference by 1 - p_l. p_l grows linearly with depth to `rate` at the last block. Needs a model with residual branches (--model resnet).',
  formula: 'x + (g + a - g a) F(x), g ~ Bernoulli(1 - p_l), a ~ U[-1, 1] (backward c ~ U[0, 1]), p_l = (l / L) rate',
  paper: 'Yamada et al. 2019',
  typical: 'rate 0.5 at the last block (the paper, PyramidNet and ResNet on CIFAR)',
  offeredBy: { keras: '-', tfjs: '-', pytorch: '- (timm: no)' },
  example: 'shakedrop:rate=0.5',
  api: 'shakeDrop({ rate }) on each residual branch',
  params: { rate: number('shake probability of the last block; block l of L has (l / L) rate', { range: RATE, default: 0.5 }) },
  target: { kind: 'branch', layer: SHAKE_DROP, defaultWhere: 'all' },
});
