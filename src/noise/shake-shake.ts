/**
 * Shake-Shake (Gastaldi 2017, "Shake-Shake regularization"): merges the two residual branches
 * of a block with random convex weights, `y[b] = a[b] x1[b] + (1 - a[b]) x2[b]`, `a[b] ~ U[0, 1]`
 * per sample in training ("Shake-Shake-Image"; `mode: 'batch'` draws one per batch); the backward pass uses an independent
 * `c[b] ~ U[0, 1]`: `dx1 = c dy`, `dx2 = (1 - c) dy`. At inference `a = 0.5`. The
 * `shake-shake` technique turns each residual block into a two-branch one (the branch and a
 * copy of it with its own weights) merged by this layer before the shortcut is added.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import { MergeLayer } from '../parts/merge-layer.js';
import { StepRandom } from '../random/step-random.js';
import { NAME, choice } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer, defineTechnique } from '../parts/definitions.js';
import { ShapeError } from '../errors.js';

export interface ShakeShakeOptions {
  /** `image` (default): a weight per sample, the paper's best ("Shake-Shake-Image"); `batch`: one for the whole batch. */
  mode?: 'image' | 'batch';
  name?: string;
}

export class ShakeShake extends MergeLayer {
  readonly className = 'ShakeShake';
  readonly mode: 'image' | 'batch';
  private readonly draws = StepRandom.from(0, 'noise');
  private shaken = false;
  private readonly grads: (FloatArray | null)[] = [null, null];

  constructor(options: ShakeShakeOptions = {}) {
    const o = parseOptions('shakeShake', SHAKE_SHAKE.options, options);
    super(o.name);
    this.mode = o.mode ?? 'image';
  }

  override seedRandom(seed: number): void {
    this.draws.reseedFrom(seed, 'noise');
  }

  protected mergeShape(shapes: readonly (readonly number[])[]): number[] {
    const [a, b] = shapes as [readonly number[], readonly number[] | undefined];
    const show = (k: number): string => `'${this.inputSources[k] ?? `input ${k}`}' gives [${shapes[k]!.join(', ')}]`;
    if (shapes.length !== 2) throw new ShapeError(`ShakeShake '${this.name}': merges exactly 2 branches, received ${shapes.length}`);
    if (a.length !== b!.length || a.some((d, i) => d !== b![i])) throw new ShapeError(`ShakeShake '${this.name}': branches of different shapes: ${show(0)}, ${show(1)}`);
    return [...a];
  }

  forwardMerge(xs: readonly FloatArray[], batch: number, ctx: StepContext): FloatArray {
    const size = this.outputSize;
    const n = batch * size;
    const out = this.scratch('out', n);
    const [x1, x2] = xs as [FloatArray, FloatArray];
    this.shaken = ctx.training;
    if (!this.shaken) {
      this.backend.add(x1, x2, out, n);
      this.backend.scale(out, 0.5, 0, out, n);
      return out;
    }
    this.draws.at(ctx.step);
    const rng = this.draws.generator();
    const alpha = this.scratch('alpha', n);
    const beta = this.scratch('beta', n);
    const perBatch = this.mode === 'batch';
    const [a, c] = [rng.uniform(), rng.uniform()];
    for (let b = 0; b < batch; b++) {
      alpha.fill(perBatch ? a : b === 0 ? a : rng.uniform(), b * size, (b + 1) * size);
      beta.fill(perBatch ? c : b === 0 ? c : rng.uniform(), b * size, (b + 1) * size);
    }
    // y = x2 + a (x1 - x2)
    const diff = this.scratch('diff', n);
    this.backend.scale(x2, -1, 0, diff, n);
    this.backend.add(x1, diff, diff, n);
    this.backend.mul(diff, alpha, diff, n);
    this.backend.add(x2, diff, out, n);
    return out;
  }

  backwardMerge(dy: FloatArray, batch: number, need: readonly boolean[]): readonly (FloatArray | null)[] {
    const n = batch * this.outputSize;
    const dx1 = need[0] ? this.scratch('dx0', n) : null;
    const dx2 = need[1] ? this.scratch('dx1', n) : null;
    if (this.shaken) {
      const beta = this.scratch('beta', n);
      if (dx1) this.backend.mul(dy, beta, dx1, n);
      if (dx2) {
        this.backend.scale(beta, -1, 1, dx2, n);
        this.backend.mul(dy, dx2, dx2, n);
      }
    } else {
      if (dx1) this.backend.scale(dy, 0.5, 0, dx1, n);
      if (dx2) this.backend.scale(dy, 0.5, 0, dx2, n);
    }
    this.grads[0] = dx1;
    this.grads[1] = dx2;
    return this.grads;
  }

  getConfig(): LayerConfig {
    return { name: this.name, mode: this.mode };
  }
}

/** Merges two residual branches with random convex weights in training, their mean at inference; apply it to a list of 2 nodes. */
export function shakeShake(options: ShakeShakeOptions = {}): ShakeShake {
  return new ShakeShake(options);
}

export const SHAKE_SHAKE = defineLayer<ShakeShakeOptions>({
  className: 'ShakeShake',
  factory: 'shakeShake',
  summary: 'merges two residual branches with random convex weights per sample in training, their mean at inference',
  hostOnly: 'draws its per-sample factors in JavaScript',
  options: { mode: choice('image: a weight per sample; batch: one per batch', ['image', 'batch'], { default: 'image' }), name: NAME },
  create: (o) => new ShakeShake(o),
  tfjs: { className: null },
  onnx: {
    toOnnx: (layer) => {
      throw new ShapeError(`ShakeShake '${layer.name}' merges two branches`);
    },
    toOnnxMerge: (layer, inputs, graph) => {
      const same = inputs.map((v, i) => (inputs[0]!.layout === 'channelsFirst' ? graph.channelsFirst(v, `${layer.name}_in${i}`) : graph.channelsLast(v, `${layer.name}_in${i}`)));
      return { name: graph.node('Mean', same.map((v) => v.name), layer.name), shape: same[0]!.shape, layout: same[0]!.layout };
    },
  },
});

export const SHAKE_SHAKE_TECHNIQUE = defineTechnique({
  name: 'shake-shake',
  aliases: ['shakeshake'],
  title: 'Shake-Shake',
  description: 'Gives each residual block a second branch (a copy with its own weights) and merges the two with a random convex weight a ~ U[0, 1] per sample, an independent c ~ U[0, 1] in the backward pass, and 0.5 at inference. Needs a model with residual branches (--model resnet).',
  formula: 'x + a F1(x) + (1 - a) F2(x), a ~ U[0, 1] (backward c ~ U[0, 1]); 0.5 at inference',
  paper: 'Gastaldi 2017',
  typical: 'Shake-Shake-Image (a per sample) on every block (the paper, ResNet-26 2x32d on CIFAR-10)',
  offeredBy: { keras: '-', tfjs: '-', pytorch: '-' },
  example: 'shake-shake:mode=image',
  api: 'shakeShake().apply([branch1, branch2]) in each residual block',
  params: { mode: choice('image: a weight per sample (Shake-Shake-Image, the paper\'s best); batch: one per batch', ['image', 'batch'], { default: 'image' }) },
  target: { kind: 'branch', layer: SHAKE_SHAKE, defaultWhere: 'all', twoBranches: true },
});
