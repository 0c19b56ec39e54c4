/**
 * Lookups over the catalogue: layer classes (with user-registered ones), augmentations and
 * optimizers by class name, each failure a typed one-line error listing what is known.
 */
import type { Layer, LayerConfig } from '../parts/layer.js';
import type { Augmentation } from '../parts/augmentation.js';
import type { Optimizer } from '../parts/optimizer.js';
import type { AugmentationDefinition, LayerDefinition, OptimizerDefinition } from '../parts/definitions.js';
import { AUGMENTATION_DEFINITIONS, LAYER_DEFINITIONS, OPTIMIZER_DEFINITIONS } from './catalogue.js';
import { InvalidArgumentError, ModelFileError } from '../errors.js';

const custom = new Map<string, LayerDefinition>();

/** Makes a layer class of your own buildable from model specs and saved models. */
export function registerLayer(definition: LayerDefinition): void {
  custom.set(definition.className, definition);
}

/** The definition of a layer class, or undefined. */
export function findLayer(className: string): LayerDefinition | undefined {
  return custom.get(className) ?? LAYER_DEFINITIONS.find((d) => d.className === className);
}

/** Every known layer class name. */
export function layerClassNames(): string[] {
  return [...LAYER_DEFINITIONS.map((d) => d.className), ...custom.keys()];
}

/**
 * Rebuilds a layer from its class name and `getConfig()` output.
 * @throws ModelFileError for an unknown class; the layer's InvalidArgumentError for a bad config.
 */
export function layerFromConfig(className: string, config: LayerConfig): Layer {
  const d = findLayer(className);
  if (!d) throw new ModelFileError(`unknown layer class '${className}'; known: ${layerClassNames().join(', ')}`);
  return d.create(config);
}

/** The definition of an augmentation by class name (`Mixup`) or factory name (`mixup`). */
export function findAugmentation(name: string): AugmentationDefinition | undefined {
  return AUGMENTATION_DEFINITIONS.find((d) => d.className === name || d.factory === name);
}

/** An augmentation from `{ className, config }`. */
export function augmentationFromConfig(className: string, config: Record<string, unknown>): Augmentation {
  const d = findAugmentation(className);
  if (!d) throw new InvalidArgumentError(`unknown augmentation '${className}'; known: ${AUGMENTATION_DEFINITIONS.map((a) => a.className).join(', ')}`);
  return d.create(config);
}

/** The definition of an optimizer by class name (`Adam`) or factory name (`adam`), any case. */
export function findOptimizer(name: string): OptimizerDefinition | undefined {
  const n = name.toLowerCase();
  return OPTIMIZER_DEFINITIONS.find((d) => d.className.toLowerCase() === n || d.factory.toLowerCase() === n);
}

/**
 * An optimizer from its name and config. A wrapper's config holds the wrapped optimizer as
 * `optimizer: { className, config }`.
 */
export function optimizerFromConfig(name: string, config: Record<string, unknown> = {}): Optimizer {
  const d = findOptimizer(name);
  if (!d) throw new InvalidArgumentError(`unknown optimizer '${name}'; known: ${OPTIMIZER_DEFINITIONS.map((o) => o.factory).join(', ')}`);
  if (!d.wraps) return d.create(config);
  const { optimizer, ...rest } = config;
  const inner = optimizer as { className?: unknown; config?: Record<string, unknown> } | undefined;
  if (typeof inner?.className !== 'string') throw new InvalidArgumentError(`${d.factory}: optimizer must be { className, config } of the wrapped optimizer, received ${JSON.stringify(inner)}`);
  return d.create(rest, optimizerFromConfig(inner.className, inner.config ?? {}));
}

/**
 * An optimizer from a name (`adam`, `sgd`, `gradientNoise`, or a class name) and options, or
 * the optimizer itself. A saved `GradientNoise` comes back from its config:
 * `{ optimizer: { className, config }, eta, gamma }`.
 */
export function getOptimizer(spec: string | Optimizer, options: Record<string, unknown> = {}): Optimizer {
  return typeof spec === 'string' ? optimizerFromConfig(spec, options) : spec;
}
