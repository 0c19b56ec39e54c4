/**
 * Applies noise specs to a model spec, as data: layer noise becomes layers inserted after the
 * input or after hidden kernel layers, weight noise becomes options of kernel layers, gradient
 * noise an optimizer wrapper, label smoothing loss options, and data-level noise augmentations
 * for `fit`. Any model spec works: `@hidden` counts the kernel layers (Dense, Conv2D) but the
 * last, and layer noise placed after a kernel layer goes after its block (the pooling,
 * normalisation and activation layers that follow it).
 */
import type { LayerSpec } from '../parts/definitions.js';
import type { ModelSpec } from '../models/model-spec.js';
import { checkImageShape } from '../augment/image.js';
import { parseNoiseSpec, type NoiseSpec } from './parse.js';
import { findLayer } from '../registry/lookup.js';
import { checkField, checkOptionKeys, optionKeys, parseOptions } from '../schema/parse-options.js';
import type { Field, Schema } from '../schema/fields.js';
import { NoisenetError, ResourceError } from '../errors.js';
import { NoiseSpecError } from './spec-error.js';
import { explicitInputs, residualBlocks } from './branches.js';

/** A part given as data: its class name and options. */
export interface PartSpec {
  className: string;
  config: Record<string, unknown>;
}

/** Everything the specs change, as data. */
export interface NoisePlan {
  /** The model with its noise layers and weight options. */
  model: ModelSpec;
  /** Optimizer wrappers, innermost first (gradient noise). */
  optimizerWrappers: PartSpec[];
  /** Options for the cross-entropy loss. */
  lossOptions: { labelSmoothing?: number };
  /** Data-level noise for fit's `augment`, in spec order. */
  augment: PartSpec[];
  /** The specs as parsed. */
  specs: NoiseSpec[];
  /** One line per spec placed where it does not do what it promises (alpha dropout off SELU outputs). */
  warnings: string[];
}

/** What image techniques need to know of the data. */
export interface ApplyOptions {
  /** `[height, width]` of image inputs; needed by cutout, affine and elastic. */
  imageShape?: readonly [number, number] | undefined;
}

const APPLY_OPTIONS = optionKeys<ApplyOptions>({ imageShape: true });

/**
 * Applies `specs` in order to `model`.
 * @throws NoiseSpecError `noise spec '<spec>': <reason>` when a spec does not parse or does not fit the model.
 */
export function applyNoiseSpecs(specs: readonly (string | NoiseSpec)[], model: ModelSpec, options: ApplyOptions = {}): NoisePlan {
  checkOptionKeys('applyNoiseSpecs', options, APPLY_OPTIONS);
  const imageShape = options.imageShape && checkImageShape('applyNoiseSpecs', options.imageShape);
  const base: LayerSpec[] = model.layers.map((l) => ({ className: l.className, config: { ...l.config }, ...(l.inputs ? { inputs: [...l.inputs] } : {}) }));
  const kernels = base.flatMap((l, i) => (findLayer(l.className)?.kernelLayer ? [i] : []));
  const hidden = kernels.slice(0, -1);
  const after: LayerSpec[][] = base.map(() => []);
  /** The last layer of the block that starts at kernel layer `i`. */
  const blockEnd = (i: number): number => {
    let end = i;
    while (end + 1 < base.length && findLayer(base[end + 1]!.className)?.blockPart) end++;
    return end;
  };
  /** Branch techniques, applied once layer noise is in place: the spec and the (1-based) blocks it acts on. */
  const branchSpecs: { spec: NoiseSpec; blocks: number[] }[] = [];
  const plan: NoisePlan = { model, optimizerWrappers: [], lossOptions: {}, augment: [], specs: [], warnings: [] };
  const inputSize = ((base[0]?.config['shape'] as number[] | undefined) ?? []).reduce((a, b) => a * b, 1);

  for (const s of specs) {
    const spec = typeof s === 'string' ? parseNoiseSpec(s) : s;
    plan.specs.push(spec);
    const fail = (message: string): NoiseSpecError => new NoiseSpecError(spec.text, message);
    const target = spec.technique.definition.target;
    const w = spec.where;
    const pick = (list: number[], what: string): number[] => {
      if (typeof w !== 'number') return list;
      if (w > list.length) throw fail(`@${w} is past the last of ${list.length} ${what}`);
      return [list[w - 1]!];
    };
    const params = spec.params as Record<string, unknown>;
    try {
      switch (target.kind) {
        case 'layer': {
          if (w !== 'input' && hidden.length === 0) throw fail('the model has no hidden layers');
          const at = w === 'input' ? [0] : pick(hidden, 'hidden layers');
          target.layer.create({ ...params }); // validates the options together (salt-and-pepper's min < max)
          for (const i of at) after[w === 'input' ? i : blockEnd(i)]!.push({ className: target.layer.className, config: { ...params } });
          const warning = target.expects && placementWarning(target.expects, at.map((i) => (i === 0 ? null : String(base[i]!.config['activation'] ?? 'linear'))));
          if (warning) plan.warnings.push(`noise spec '${spec.text}': ${warning}`);
          break;
        }
        case 'weight': {
          if (w === 'hidden' && hidden.length === 0) throw fail('the model has no hidden layers');
          const at = w === 'all' ? kernels : w === 'hidden' ? hidden : w === 'output' ? kernels.slice(-1) : pick(kernels, 'kernel layers');
          for (const i of at) {
            const { className, config } = base[i]!;
            const layer = findLayer(className)!;
            const field = (layer.options as Record<string, Field>)[target.option];
            if (!field) throw fail(`${className} layers take no ${target.option}`);
            if (config[target.option] !== undefined) throw fail(`${target.option} is given twice for ${layer.factory} layer ${kernels.indexOf(i) + 1}`);
            config[target.option] = checkField(layer.factory, target.option, field, target.value(params));
          }
          break;
        }
        case 'optimizer':
          if (plan.optimizerWrappers.some((o) => o.className === target.wrapper.className)) throw fail(`${spec.technique.title} is given twice`);
          plan.optimizerWrappers.push({ className: target.wrapper.className, config: parseOptions(target.wrapper.factory, target.wrapper.options as Schema, params) as Record<string, unknown> });
          break;
        case 'branch': {
          const blocks = residualBlocks(base);
          if (blocks.length === 0) throw fail('the model has no residual branches (an add of a block\'s branch and its shortcut); use --model resnet or a graph with residual blocks');
          if (typeof w === 'number' && w > blocks.length) throw fail(`@${w} is past the last of ${blocks.length} residual blocks`);
          target.layer.create({ ...params }); // validates the options
          branchSpecs.push({ spec, blocks: typeof w === 'number' ? [w] : blocks.map((_, i) => i + 1) });
          break;
        }
        case 'loss':
          if (Object.keys(plan.lossOptions).length) throw fail(`${spec.technique.title} is given twice`);
          Object.assign(plan.lossOptions, target.lossOptions(params));
          break;
        default: {
          if (spec.technique.imageOnly && !imageShape) throw fail(`needs images, but no imageShape [height, width] was given (the inputs have ${inputSize} values)`);
          const config = { ...params, ...(spec.technique.imageOnly && imageShape ? { shape: [...imageShape] } : {}) };
          const classes = Number(base[kernels.at(-1) ?? -1]?.config['units'] ?? 0);
          target.augmentation.create(config).setup({ sampleSize: inputSize, outputs: classes, imageShape });
          plan.augment.push({ className: target.augmentation.className, config });
        }
      }
    } catch (e) {
      if (e instanceof NoisenetError && !(e instanceof NoiseSpecError) && !(e instanceof ResourceError)) throw fail(e.message);
      throw e;
    }
  }
  if (base.some((l) => l.inputs)) rewire(base, after);
  let layers = base.flatMap((l, i) => [l, ...after[i]!]);
  for (const { spec, blocks } of branchSpecs) layers = onBranches(layers, spec, blocks);
  plan.model = { ...(model.name === undefined ? {} : { name: model.name }), layers };
  return plan;
}

/** Why a layer expecting `expects.activation` does not get it, given what precedes each placement (null: the inputs). */
function placementWarning(expects: { activation: string; why: string }, before: (string | null)[]): string | null {
  if (before.includes(null)) return `${expects.why}; here it gets the inputs`;
  const others = [...new Set(before.filter((a) => a !== expects.activation))];
  return others.length ? `${expects.why}; here it gets the outputs of ${others.join(' and ')} layers (use ${expects.activation} activations)` : null;
}

/**
 * In a graph spec, layers inserted after a layer stand between it and the layers that read it:
 * each gets a name (`<layer>_<class in snake case>`), and layers that named the one they follow now name the
 * last of them. (The layer listed next, when it names no inputs, reads the last inserted one.)
 */
function rewire(base: LayerSpec[], after: LayerSpec[][]): void {
  const taken = new Set(base.map((l) => l.config.name).filter((n): n is string => typeof n === 'string'));
  base.forEach((l, i) => {
    const inserted = after[i]!;
    const name = l.config.name;
    if (inserted.length === 0 || typeof name !== 'string') return;
    for (const extra of inserted) {
      const stem = `${name}_${extra.className.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()}`;
      let unique = stem;
      for (let k = 1; taken.has(unique); k++) unique = `${stem}_${k}`;
      taken.add(unique);
      extra.config = { ...extra.config, name: unique };
    }
    const last = String(inserted[inserted.length - 1]!.config.name);
    for (const other of base) if (other.inputs) other.inputs = other.inputs.map((n) => (n === name ? last : n));
  });
}

/**
 * Applies a branch technique to blocks `chosen` (1-based, of all the residual blocks of
 * `layers`): a layer at the end of each chosen branch, its `rate` the spec's times `l / L` for
 * block `l` of `L` (the linear decay of stochastic depth and ShakeDrop), or, for two-branch
 * techniques, a copy of the branch (`<layer>_b2`, its own weights) merged with it by the
 * technique's layer before the add.
 */
function onBranches(layers: LayerSpec[], spec: NoiseSpec, chosen: readonly number[]): LayerSpec[] {
  const target = spec.technique.definition.target;
  if (target.kind !== 'branch') return layers;
  const blocks = residualBlocks(layers);
  const explicit = explicitInputs(layers);
  const out = layers.map((l, i) => ({ ...l, config: { ...l.config }, ...(explicit[i] ? { inputs: explicit[i] } : {}) }));
  const before = new Map<number, LayerSpec[]>();
  const snake = target.layer.className.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  for (const n of chosen) {
    const block = blocks[n - 1]!;
    const names = [...block.branch, block.add].map((i) => layers[i]!.config.name);
    if (names.some((name) => typeof name !== 'string')) throw new NoiseSpecError(spec.text, `the layers of residual block ${n} need names to be rewired`);
    const add = out[block.add]!;
    const end = String(layers[block.branchEnd]!.config.name);
    const merged = `${String(add.config.name)}_${snake}`;
    const inserted: LayerSpec[] = [];
    if (target.twoBranches) {
      const copy = (name: string): string => (block.branch.some((i) => layers[i]!.config.name === name) ? `${name}_b2` : name);
      for (const i of block.branch) inserted.push({ className: out[i]!.className, config: { ...out[i]!.config, name: `${String(out[i]!.config.name)}_b2` }, inputs: out[i]!.inputs!.map(copy) });
      inserted.push({ className: target.layer.className, config: { ...spec.params, name: merged }, inputs: [end, `${end}_b2`] });
    } else {
      const rate = Number(spec.params['rate']) * (n / blocks.length);
      inserted.push({ className: target.layer.className, config: { rate: Number(rate.toPrecision(12)), name: merged }, inputs: [end] });
    }
    add.inputs = add.inputs!.map((name) => (name === end ? merged : name));
    before.set(block.add, inserted);
  }
  return out.flatMap((l, i) => [...(before.get(i) ?? []), l]);
}
