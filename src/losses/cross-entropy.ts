/**
 * Cross-entropy losses. With a final softmax (or `fromLogits`), the softmax and the log are
 * fused into one numerically stable log-sum-exp kernel whose gradient is `softmax - target`.
 * On probabilities from any other activation, probabilities are clipped to
 * `[1e-7, 1 - 1e-7]` before the log, as Keras does.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { BatchTargets, Loss } from '../parts/loss.js';
import { boolean, number, type Schema } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLoss, defineTechnique } from '../parts/definitions.js';
import { ShapeError } from '../errors.js';

export interface CrossEntropyOptions {
  /** Whether the model outputs logits rather than probabilities; default false. */
  fromLogits?: boolean;
  /** Label smoothing epsilon in [0, 1): targets become `(1 - eps) onehot + eps / K` (Szegedy et al. 2016). */
  labelSmoothing?: number;
}

const EPS = 1e-7;

/** The options of both cross-entropy losses, declared once. */
export const CROSS_ENTROPY_OPTIONS: Schema<CrossEntropyOptions> = {
  fromLogits: boolean('whether the model outputs logits rather than probabilities', { default: false }),
  labelSmoothing: number('label smoothing epsilon: targets become (1 - eps) onehot + eps / K', { default: 0, range: { min: 0, max: 1, maxExclusive: true } }),
};

function makeCrossEntropy(name: string, sparse: boolean, options: CrossEntropyOptions): Loss {
  const o = parseOptions(name, CROSS_ENTROPY_OPTIONS, options) as Required<CrossEntropyOptions>;
  const fromLogits = o.fromLogits;
  const smoothing = o.labelSmoothing;
  return {
    name,
    sparse,
    fusesSoftmax: !fromLogits,
    fromLogits,
    task: 'multiclass',
    compute(backend, output, logits, targets, rows, cols, grad, gradScale) {
      if (targets.kind === 'sparse' && !sparse) throw new ShapeError(`${name}: expects one-hot target rows, received class indices`);
      if (targets.kind === 'sparse' && logits) return backend.softmaxCrossEntropy(output, targets.labels, rows, cols, smoothing, grad, gradScale);
      const target = (r: number, j: number): number => targetValue(targets, r, j, cols, smoothing);
      return logits ? softmaxDense(output, target, rows, cols, grad, gradScale) : probabilityCrossEntropy(output, target, rows, cols, grad, gradScale);
    },
    getConfig: () => ({ fromLogits, labelSmoothing: smoothing }),
  };
}

function targetValue(t: BatchTargets, r: number, j: number, cols: number, smoothing: number): number {
  const hot = t.kind === 'sparse' ? (t.labels[r] === j ? 1 : 0) : t.values[r * cols + j]!;
  return hot * (1 - smoothing) + smoothing / cols;
}

function softmaxDense(z: FloatArray, target: (r: number, j: number) => number, rows: number, cols: number, grad: FloatArray | null, scale: number): number {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, z[o + j]!);
    let s = 0;
    for (let j = 0; j < cols; j++) s += Math.exp(z[o + j]! - max);
    const logZ = max + Math.log(s);
    for (let j = 0; j < cols; j++) {
      const t = target(r, j);
      const logp = z[o + j]! - logZ;
      total -= t * logp;
      if (grad) grad[o + j] = (Math.exp(logp) - t) * scale;
    }
  }
  return total;
}

function probabilityCrossEntropy(p: FloatArray, target: (r: number, j: number) => number, rows: number, cols: number, grad: FloatArray | null, scale: number): number {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      const i = r * cols + j;
      const raw = p[i]!;
      const q = Math.min(Math.max(raw, EPS), 1 - EPS);
      const t = target(r, j);
      total -= t * Math.log(q);
      if (grad) grad[i] = raw > EPS && raw < 1 - EPS ? (-t / q) * scale : 0;
    }
  }
  return total;
}

/** Cross-entropy against integer class labels. */
export function sparseCategoricalCrossentropy(options: CrossEntropyOptions = {}): Loss {
  return makeCrossEntropy('sparseCategoricalCrossentropy', true, options);
}

/** Cross-entropy against one-hot (or soft) target rows. */
export function categoricalCrossentropy(options: CrossEntropyOptions = {}): Loss {
  return makeCrossEntropy('categoricalCrossentropy', false, options);
}

export const SPARSE_CATEGORICAL_CROSSENTROPY = defineLoss<CrossEntropyOptions, 'sparseCategoricalCrossentropy'>({
  className: 'SparseCategoricalCrossentropy',
  factory: 'sparseCategoricalCrossentropy',
  summary: 'cross-entropy against class indices; fused with a final softmax',
  options: CROSS_ENTROPY_OPTIONS,
  create: (o) => sparseCategoricalCrossentropy(o),
  task: 'multiclass',
});

export const CATEGORICAL_CROSSENTROPY = defineLoss<CrossEntropyOptions, 'categoricalCrossentropy'>({
  className: 'CategoricalCrossentropy',
  factory: 'categoricalCrossentropy',
  summary: 'cross-entropy against one-hot (or soft) target rows; fused with a final softmax',
  hostOnly: 'computes the loss against target rows in JavaScript',
  options: CROSS_ENTROPY_OPTIONS,
  create: (o) => categoricalCrossentropy(o),
  task: 'multiclass',
});

export const LABEL_SMOOTHING_TECHNIQUE = defineTechnique({
  name: 'label-smoothing',
  aliases: [],
  title: 'label smoothing',
  description: 'Trains against softened targets; built into the cross-entropy losses.',
  formula: '(1 - eps) onehot + eps / K',
  paper: 'Szegedy et al. 2016',
  typical: 'epsilon 0.1 (Szegedy et al. 2016)',
  offeredBy: { keras: 'CategoricalCrossentropy(label_smoothing), not the sparse one', tfjs: 'only core tf.losses, on logits', pytorch: 'CrossEntropyLoss(label_smoothing)' },
  example: 'label-smoothing:epsilon=0.1',
  api: 'sparseCategoricalCrossentropy({ labelSmoothing })',
  params: { epsilon: number('smoothing epsilon', { default: 0.1, range: { min: 0, max: 1, maxExclusive: true } }) },
  target: { kind: 'loss', lossOptions: (p) => ({ labelSmoothing: p['epsilon'] }) },
});
