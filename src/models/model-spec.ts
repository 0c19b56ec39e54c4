/**
 * Models as data: a model is its layer list, `{ className, config }` per layer, the form
 * `model.json` stores; in a graph, a layer also names the layers it reads (`inputs`, by their
 * `config.name`; by default the layer listed before it). {@link checkModelSpec} validates a spec read from JSON against every
 * layer's declared options, naming the source, the path in the JSON and the reason;
 * {@link buildModel} is the one place a spec becomes a {@link Sequential}.
 */
import type { LayerSpec } from '../parts/definitions.js';
import { findLayer, layerClassNames } from '../registry/lookup.js';
import { checkOptionKeys, parseOptions } from '../schema/parse-options.js';
import type { Schema } from '../schema/fields.js';
import { SEQUENTIAL_OPTIONS, sequential, type Sequential, type SequentialOptions } from './sequential.js';
import { Model, type ModelGraph } from './model.js';
import type { Layer } from '../parts/layer.js';
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
    const { className, config = {}, inputs, ...more } = raw as Record<string, unknown>;
    if (Object.keys(more).length) throw fail(`${at}.${Object.keys(more)[0]}`, 'unknown key; a layer has "className", "config" and "inputs"');
    if (inputs !== undefined && (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((v) => typeof v === 'string'))) throw fail(`${at}.inputs`, `must be a non-empty list of layer names, found ${JSON.stringify(inputs)}`);
    if (typeof className !== 'string') throw fail(`${at}.className`, `must be a layer class name (${layerClassNames().join(', ')})`);
    const d = findLayer(className);
    if (!d) throw fail(`${at}.className`, `unknown layer class '${className}'; known: ${layerClassNames().join(', ')}`);
    try {
      const parsed = parseOptions(d.factory, d.options as Schema, config) as LayerSpec['config'];
      return inputs === undefined ? { className, config: parsed } : { className, config: parsed, inputs: inputs as string[] };
    } catch (e) {
      if (!(e instanceof InvalidArgumentError)) throw e;
      throw fail(`${at}.config${e.argument ? `.${e.argument}` : ''}`, e.message);
    }
  });
  if (out[0]!.className !== 'InputLayer') throw fail('layers[0].className', `must be InputLayer (the model's input shape), found ${out[0]!.className}`);
  if (out.some((l) => l.inputs)) specGraph(out, fail);
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
  const named = { ...options, ...(spec.name === undefined ? {} : { name: spec.name }) };
  let model: Model;
  if (spec.layers.some((l) => l.inputs)) {
    const { order, graph } = specGraph(spec.layers, (path, reason) => new ModelSpecError(source, path, reason));
    model = new Model(
      order.map((i) => layers[i]!),
      named,
      graph,
    );
  } else {
    model = sequential(layers, named);
  }
  try {
    model.build();
  } catch (e) {
    if (e instanceof LayerShapeError) throw new ModelSpecError(source, `layers[${spec.layers.some((l) => l.inputs) ? specIndexOf(spec.layers, model.layers[e.index]!) : e.index}]`, e.reason);
    if (e instanceof ResourceError) throw e; // out of memory is the machine's, not the spec's
    if (e instanceof NoisenetError) throw new ModelSpecError(source, 'layers', e.message);
    throw e;
  }
  return model;
}

/** The index in the spec of the layer named as `layer` (a graph's layers are reordered). */
function specIndexOf(layers: readonly LayerSpec[], layer: Layer): number {
  const i = layers.findIndex((l) => l.config.name === layer.name);
  return i < 0 ? 0 : i;
}

/**
 * The graph of a spec whose layers name their inputs: every layer needs a name another layer
 * can refer to (unnamed ones are read only by the layer after them), names are unique, inputs
 * exist, there is no cycle, the one input is the first layer and everything leads to one
 * output. Returns the layers in topological order (the listed order where it is one) and, for
 * each, the positions in that order of the layers it reads.
 */
function specGraph(layers: readonly LayerSpec[], fail: (path: string, reason: string) => Error): { order: number[]; graph: ModelGraph } {
  const byName = new Map<string, number>();
  layers.forEach((l, i) => {
    const name = l.config.name;
    if (typeof name !== 'string') return;
    const before = byName.get(name);
    if (before !== undefined) throw fail(`layers[${i}].config.name`, `the name '${name}' is used twice (layers[${before}] and layers[${i}])`);
    byName.set(name, i);
  });
  const inputsOf = layers.map((l, i) => {
    if (l.className === 'InputLayer') {
      if (l.inputs) throw fail(`layers[${i}].inputs`, 'an InputLayer reads no other layer');
      return [];
    }
    if (!l.inputs) return [i - 1];
    return l.inputs.map((name, k) => {
      const j = byName.get(name);
      if (j === undefined) throw fail(`layers[${i}].inputs[${k}]`, `no layer is named '${name}'; names: ${[...byName.keys()].join(', ')}`);
      return j;
    });
  });
  const label = (i: number): string => `'${String(layers[i]!.config.name ?? `layers[${i}]`)}'`;
  const readers = layers.map(() => 0);
  for (const ins of inputsOf) for (const j of ins) readers[j]!++;
  layers.forEach((l, i) => {
    if (i > 0 && l.className === 'InputLayer') throw fail(`layers[${i}]`, `a second input ${label(i)}${readers[i] ? '' : ', not used by any layer'}; a model has one input, the first layer`);
  });
  // Kahn's algorithm, always taking the earliest listed layer that is ready: a listed order that is topological stays as it is.
  const pending = inputsOf.map((ins) => ins.length);
  const order: number[] = [];
  const done = layers.map(() => false);
  for (;;) {
    let next = -1;
    for (let i = 0; i < layers.length && next < 0; i++) if (!done[i] && pending[i] === 0) next = i;
    if (next < 0) break;
    done[next] = true;
    order.push(next);
    inputsOf.forEach((ins, i) => {
      for (const j of ins) if (j === next) pending[i]!--;
    });
  }
  if (order.length < layers.length) {
    const stuck = layers.flatMap((_, i) => (done[i] ? [] : [i]));
    throw fail(`layers[${stuck[0]}].inputs`, `a cycle: layers ${stuck.map(label).join(', ')} read one another`);
  }
  const sinks = readers.flatMap((n, i) => (n === 0 ? [i] : []));
  if (sinks.length > 1) throw fail('layers', `layers ${sinks.map(label).join(', ')} are read by no layer; a model has one output`);
  const position = new Map(order.map((i, p) => [i, p]));
  return { order, graph: order.map((i) => inputsOf[i]!.map((j) => position.get(j)!)) };
}
