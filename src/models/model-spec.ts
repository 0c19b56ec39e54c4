/**
 * Models as data: a model is its layer list, `{ className, config }` per layer, the form
 * `model.json` stores. {@link checkModelSpec} validates a spec read from JSON against every
 * layer's declared options, naming the source, the path in the JSON and the reason;
 * {@link buildModel} is the one place a spec becomes a {@link Sequential}.
 */
import type { LayerSpec } from '../parts/definitions.js';
import { findLayer, layerClassNames } from '../registry/lookup.js';
import { checkOptionKeys, parseOptions } from '../schema/parse-options.js';
import type { Schema } from '../schema/fields.js';
import { SEQUENTIAL_OPTIONS, sequential, type Sequential, type SequentialOptions } from './sequential.js';
import { InvalidArgumentError, LayerShapeError, NoisenetError, ResourceError } from '../errors.js';

/** A sequential model as data. */
export interface ModelSpec {
  /** Model name; default `sequential`. */
  name?: string;
  /** The layers in order, the first an `InputLayer`. */
  layers: LayerSpec[];
}

/** A model spec that does not describe a valid model: the source, the JSON path and the reason. */
export class ModelSpecError extends InvalidArgumentError {
  override name = 'ModelSpecError';
  constructor(
    /** The file, or a label such as `--model`. */
    readonly source: string,
    /** Where in the JSON: `layers[2].config.units`. */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${source}: ${path}: ${reason}`);
  }
}

/**
 * Validates `value` as a {@link ModelSpec}: a `{ name?, layers }` object (or a bare layer list),
 * every layer `{ className, config }` of a known class whose config its declaration accepts.
 * @throws ModelSpecError naming `source`, the JSON path and the reason.
 */
export function checkModelSpec(value: unknown, source: string): ModelSpec {
  const fail = (path: string, reason: string): ModelSpecError => new ModelSpecError(source, path, reason);
  const spec = Array.isArray(value) ? { layers: value } : value;
  if (!spec || typeof spec !== 'object') throw fail('(top)', `expected { "layers": [...] }, found ${JSON.stringify(value)}`);
  const { name, layers, ...rest } = spec as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) throw fail(extra[0]!, `unknown key; a model spec has "name" and "layers"`);
  if (name !== undefined && typeof name !== 'string') throw fail('name', `must be a string, found ${JSON.stringify(name)}`);
  if (!Array.isArray(layers) || layers.length === 0) throw fail('layers', 'must be a non-empty list of { "className", "config" }');
  const out: LayerSpec[] = layers.map((raw: unknown, i) => {
    const at = `layers[${i}]`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw fail(at, 'must be { "className", "config" }');
    const { className, config = {}, ...more } = raw as Record<string, unknown>;
    if (Object.keys(more).length) throw fail(`${at}.${Object.keys(more)[0]}`, 'unknown key; a layer has "className" and "config"');
    if (typeof className !== 'string') throw fail(`${at}.className`, `must be a layer class name (${layerClassNames().join(', ')})`);
    const d = findLayer(className);
    if (!d) throw fail(`${at}.className`, `unknown layer class '${className}'; known: ${layerClassNames().join(', ')}`);
    try {
      return { className, config: parseOptions(d.factory, d.options as Schema, config) as LayerSpec['config'] };
    } catch (e) {
      if (!(e instanceof InvalidArgumentError)) throw e;
      throw fail(`${at}.config${e.argument ? `.${e.argument}` : ''}`, e.message);
    }
  });
  if (out[0]!.className !== 'InputLayer') throw fail('layers[0].className', `must be InputLayer (the model's input shape), found ${out[0]!.className}`);
  return name === undefined ? { layers: out } : { name, layers: out };
}

/**
 * Builds the model a spec describes (weights are initialised by `fit` from its seed, or by
 * `initializeWeights`).
 * @throws ModelSpecError when a layer does not fit the shape of the one before it.
 */
export function buildModel(spec: ModelSpec, options: SequentialOptions = {}, source = 'model spec'): Sequential {
  checkOptionKeys('buildModel', options, SEQUENTIAL_OPTIONS);
  const layers = spec.layers.map((l, i) => {
    const d = findLayer(l.className);
    if (!d) throw new ModelSpecError(source, `layers[${i}].className`, `unknown layer class '${l.className}'; known: ${layerClassNames().join(', ')}`);
    return d.create(l.config);
  });
  const model = sequential(layers, { ...options, ...(spec.name === undefined ? {} : { name: spec.name }) });
  try {
    model.build();
  } catch (e) {
    if (e instanceof LayerShapeError) throw new ModelSpecError(source, `layers[${e.index}]`, e.reason);
    if (e instanceof ResourceError) throw e; // out of memory is the machine's, not the spec's
    if (e instanceof NoisenetError) throw new ModelSpecError(source, 'layers', e.message);
    throw e;
  }
  return model;
}
