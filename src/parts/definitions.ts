/**
 * The one declaration of each part. A layer, augmentation, optimizer or noise technique is
 * defined once, in its own file, by one of these records: its class name, its factory, its
 * options schema (types, defaults, ranges, docs) and, for techniques, the paper and how a noise
 * spec applies it. The catalogue (`./catalogue.ts`) lists the definitions; the model builder,
 * the loader, the spec parser, `noisenet techniques`, the technique reference (docs/reference/techniques.md) and the TF.js converters
 * read them.
 */
import type { Layer, LayerConfig } from './layer.js';
import type { Augmentation } from './augmentation.js';
import type { Optimizer } from './optimizer.js';
import type { Schema } from '../schema/fields.js';
import type { OnnxMapping } from './onnx.js';
import type { Loss, Task } from './loss.js';
import type { Metric } from './metric.js';

/** One layer of a TensorFlow.js topology: `class_name` and its snake_case `config`. */
export interface TfjsLayerJson {
  class_name: string;
  config: Record<string, unknown>;
}

/** A layer as data: its class name and configuration (the form `model.json` stores). */
export interface LayerSpec {
  className: string;
  config: LayerConfig;
  /**
   * In a graph, the names of the layers this one reads (several for merge layers); when left
   * out, the layer listed before it. A spec where no layer names its inputs is a stack.
   */
  inputs?: string[];
}

/** How a layer maps to the TensorFlow.js layers format. */
export interface TfjsMapping {
  /** The TF.js class name, when TF.js has one (`Dense`, `GaussianNoise`); null for noisenet-only layers, written under their own class name. */
  readonly className: string | null;
  /** The TF.js class the layer is written as when TF.js has none of its own and another computes the same (Normalization as BatchNormalization). */
  readonly writtenAs?: string;
  /**
   * A custom writer: the tfjs layer(s) for a config (without `name`, `trainable`, `dtype`,
   * `batch_input_shape`); several when one noisenet layer needs several tfjs layers (the first
   * gets the layer's name and weights, the others carry their own `name`). By default the
   * options' keys in snake_case, noise levels as the number training ends at.
   */
  readonly toTfjs?: (config: LayerConfig) => TfjsLayerJson | TfjsLayerJson[];
  /** A custom reader: the noisenet config from a tfjs config (its `name` is copied afterwards). By default keys back to camelCase. */
  readonly fromTfjs?: (config: Record<string, unknown>) => LayerSpec;
}

/**
 * Why a part cannot train on a backend whose buffers live on a device (`Backend.device`, the
 * `webgpu` backend): its step reads or writes buffers in JavaScript, which there would mean
 * waiting for the device at every step. A string when that always holds; `{ option, reason }`
 * when only that option does it (Dense's L2 penalty), the part's config holding the option only
 * when it is in use. `fit`, `evaluate` and `predict` refuse such a part there before any work,
 * naming it and the reason; parts without it only call kernels and run on every backend.
 */
export type HostOnly = string | { readonly option: string; readonly reason: string };

/** What every declared part has: its names, a summary and its options. */
export interface PartDefinition<O> {
  /** Class name in saved models, model specs and run settings (the Keras / TF.js spelling): `Dense`, `Mixup`, `Adam`. */
  readonly className: string;
  /** The library's factory: `dense`, `mixup`, `adam`. */
  readonly factory: string;
  /** One line: what the part does. */
  readonly summary: string;
  /** Every option the factory takes. */
  readonly options: Schema<O>;
  /** Present when the part must train on a host backend (wasm, ref); see {@link HostOnly}. */
  readonly hostOnly?: HostOnly;
}

/** The declaration of a layer class. */
export interface LayerDefinition<O = object> extends PartDefinition<O> {
  /** Builds the layer from options (validated by its constructor). */
  create(options: O): Layer;
  readonly tfjs: TfjsMapping;
  /**
   * Its inference-time ONNX operators (see `./onnx.ts`): `ONNX_IDENTITY` for layers that vanish
   * at inference. A layer without one cannot be exported to ONNX.
   */
  readonly onnx?: OnnxMapping;
  /** Weights layer techniques target: `@hidden` and weight noise count these layers (Dense, Conv2D). */
  readonly kernelLayer?: boolean;
  /**
   * Part of the block of the kernel layer before it (pooling, normalisation, activation):
   * layer noise placed after a kernel layer (`@hidden`, `@n`) goes after its whole block.
   */
  readonly blockPart?: boolean;
}

/** The declaration of a data-level augmentation (passed to `fit({ augment })`). */
export interface AugmentationDefinition<O = object> extends PartDefinition<O> {
  create(options: O): Augmentation;
}

/** The declaration of an optimizer. */
export interface OptimizerDefinition<O = object> extends PartDefinition<O> {
  /** Builds the optimizer; wrappers (gradient noise) get the optimizer they wrap. */
  create(options: O, inner?: Optimizer): Optimizer;
  /** Wraps another optimizer, saved as the `optimizer` key of its config. */
  readonly wraps?: boolean;
}

/** The declaration of a loss. */
export interface LossDefinition<O = object> extends PartDefinition<O> {
  /** Builds the loss; options are checked against `options`. */
  create(options: O): Loss;
  /** The task the loss trains: class indices or one-hot rows (multiclass), 0/1 targets (binary), values (regression). */
  readonly task: Task;
}

/** The declaration of a metric, chosen by name in `compile({ metrics })` and `--metrics`. */
export interface MetricDefinition<O = object> extends PartDefinition<O> {
  /** Builds the metric for a model of `task` with `outputs` outputs. */
  create(options: O, task: Task): Metric;
  /** The key of its values in logs and histories (`mae`; validation values under `val_mae`), as Keras records it. */
  readonly key: string;
  /** Other names `compile` accepts for it (`acc`, `mean_absolute_error`). */
  readonly aliases: readonly string[];
  /** The tasks it means something for. */
  readonly tasks: readonly Task[];
  /** Whether larger values are better (accuracy, r2, auc) or smaller (errors). */
  readonly better: 'higher' | 'lower';
}

/** Where a technique acts. */
export type TechniqueKind = 'layer' | 'weight' | 'optimizer' | 'loss' | 'label' | 'data' | 'branch';

/** Where a spec puts its technique: after the input, after hidden layers, on output weights, all kernel layers, or after hidden layer N (1-based). */
export type SpecWhere = 'input' | 'hidden' | 'output' | 'all' | number;

/** How a spec applies the technique, by kind. */
export type TechniqueTarget =
  /** Inserts the layer, with the spec's parameters as its options. */
  | {
      readonly kind: 'layer';
      readonly layer: LayerDefinition;
      readonly defaultWhere: 'input' | 'hidden';
      /** The activation whose outputs the layer expects (alpha dropout: selu); a spec placing it elsewhere gets a warning. */
      readonly expects?: { readonly activation: string; readonly why: string };
    }
  /** Sets `option` of the kernel layers it is placed on (e.g. Dense's `weightNoise`) to `value(params)`. */
  | { readonly kind: 'weight'; readonly option: string; readonly value: (params: Record<string, unknown>) => unknown; readonly defaultWhere: 'all' | 'hidden' | 'output' }
  /** Wraps the run's optimizer in `wrapper`, the spec's parameters as its options. */
  | { readonly kind: 'optimizer'; readonly wrapper: OptimizerDefinition }
  /** Sets options of the cross-entropy loss. */
  | { readonly kind: 'loss'; readonly lossOptions: (params: Record<string, unknown>) => Record<string, unknown> }
  /**
   * Acts on the residual branches of a graph, which the spec finds itself (`@all`, or `@n` for
   * block n): inserts `layer` at the end of each branch with the spec's `rate` decayed linearly
   * over depth (block l of L gets `l / L` of it), or, for `twoBranches`, gives each block a copy
   * of its branch and merges the two with `layer`.
   */
  | { readonly kind: 'branch'; readonly layer: LayerDefinition; readonly defaultWhere: 'all'; readonly twoBranches?: boolean }
  /** Adds the augmentation to `fit`, the spec's parameters as its options. */
  | { readonly kind: 'data' | 'label'; readonly augmentation: AugmentationDefinition };

/** What other libraries ship for a technique ("-" when nothing). */
export interface OfferedBy {
  readonly keras: string;
  readonly tfjs: string;
  readonly pytorch: string;
}

/** The declaration of a noise technique, as `--noise` specs, the catalogue and the docs see it. */
export interface TechniqueDefinition {
  /** Name in specs: `gaussian`, `dropout`. */
  readonly name: string;
  readonly aliases: readonly string[];
  readonly title: string;
  readonly description: string;
  readonly formula: string;
  readonly paper: string;
  /** Settings commonly used, with their source when the paper gives them. */
  readonly typical: string;
  readonly offeredBy: OfferedBy;
  /** A spec using it, e.g. `dropout:rate=0.5@hidden`. */
  readonly example: string;
  /** Needs image inputs (height and width). */
  readonly imageOnly?: boolean;
  /** A layer that acts on feature maps [height, width, channels]: placed after convolutional blocks, not on vectors. */
  readonly featureMaps?: boolean;
  /** The library call, when it is not the target's factory with the parameters. */
  readonly api?: string;
  /**
   * The spec's parameters. Omitted for layer, optimizer and data techniques: the target's
   * options (but `name`, `shape`, `seed`, `optimizer`) are the parameters, with their defaults.
   */
  readonly params?: Schema;
  readonly target: TechniqueTarget;
}

/** Identity helpers that give each declaration its type. */
export const defineLayer = <O>(d: LayerDefinition<O>): LayerDefinition<O> => d;
export const defineAugmentation = <O>(d: AugmentationDefinition<O>): AugmentationDefinition<O> => d;
/** An optimizer's declaration, its factory name kept as a literal type (for `OptimizerName`). */
export const defineOptimizer = <O, F extends string = string>(d: OptimizerDefinition<O> & { readonly factory: F }): OptimizerDefinition<O> & { readonly factory: F } => d;
export const defineTechnique = (d: TechniqueDefinition): TechniqueDefinition => d;
/** A loss's declaration, its factory name kept as a literal type (for `LossName`). */
export const defineLoss = <O, F extends string = string>(d: LossDefinition<O> & { readonly factory: F }): LossDefinition<O> & { readonly factory: F } => d;
/** A metric's declaration, its factory name kept as a literal type (for `MetricName`). */
export const defineMetric = <O, F extends string = string>(d: MetricDefinition<O> & { readonly factory: F }): MetricDefinition<O> & { readonly factory: F } => d;
