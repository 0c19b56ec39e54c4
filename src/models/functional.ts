/**
 * Keras' functional API: layers applied to the outputs of others (`layer.apply(x)`) form a
 * graph, and `model({ inputs, outputs })` collects the graph between an input and an output into
 * a {@link Model}, its layers in topological order (each after the layers it reads, in the order
 * of their inputs), unnamed layers named as a sequential model names them.
 */
import type { Backend } from '../kernels/backend.js';
import type { Layer } from '../parts/layer.js';
import { InputLayer } from '../layers/input.js';
import { InvalidArgumentError, NoisenetError } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../schema/option-keys.js';
import { Model } from './model.js';

export interface FunctionalOptions {
  /** The model's input: an `input({ shape })` (or a list of one). */
  inputs: Layer | readonly Layer[];
  /** The model's output: the last layer applied (or a list of one). */
  outputs: Layer | readonly Layer[];
  /** Model name; default `model`. */
  name?: string;
  /** Backend whose kernels and memory the model uses; default the registry's current one. */
  backend?: Backend;
}

const FUNCTIONAL_OPTIONS = optionKeys<FunctionalOptions>({ inputs: true, outputs: true, name: true, backend: true });

/** A graph model from `inputs` to `outputs`, Keras' `Model({ inputs, outputs })`. */
export function model(options: FunctionalOptions): Model {
  if (!options || typeof options !== 'object') throw new InvalidArgumentError('model: expected { inputs, outputs }');
  checkOptionKeys('model', options, FUNCTIONAL_OPTIONS);
  const name = options.name ?? 'model';
  const fail = (reason: string): NoisenetError => new NoisenetError(`model '${name}': ${reason}`);
  const list = (v: Layer | readonly Layer[] | undefined, what: string): Layer[] => {
    const l = v === undefined ? [] : Array.isArray(v) ? [...(v as readonly Layer[])] : [v as Layer];
    if (l.length === 0) throw new InvalidArgumentError(`model: ${what} must be given (a layer or a list of one)`);
    return l;
  };
  const inputs = list(options.inputs, 'inputs');
  const outputs = list(options.outputs, 'outputs');
  for (const i of inputs) if (!(i instanceof InputLayer)) throw fail(`inputs must be input({ shape }) layers, found ${i?.className ?? typeof i}`);
  const label = (l: Layer): string => `'${l.name || l.className}'`;

  // Depth-first from the output, each layer after its inputs: a topological order.
  const order: Layer[] = [];
  const state = new Map<Layer, 'open' | 'done'>();
  const visit = (l: Layer, path: Layer[]): void => {
    const s = state.get(l);
    if (s === 'done') return;
    if (s === 'open') throw fail(`a cycle: ${[...path.slice(path.indexOf(l)), l].map(label).join(' -> ')}`);
    state.set(l, 'open');
    if (l instanceof InputLayer) {
      if (!inputs.includes(l)) throw fail(`output ${label(outputs[0]!)} depends on input ${label(l)}, which is not among the model's inputs`);
    } else {
      const ins = l.inbound;
      if (!ins) throw fail(`output ${label(outputs[0]!)} is not reachable from the inputs: layer ${label(l)} was never applied to a node`);
      for (const i of ins) visit(i, [...path, l]);
    }
    state.set(l, 'done');
    order.push(l);
  };
  for (const o of outputs) visit(o, []);
  for (const i of inputs) if (!state.has(i)) throw fail(`input ${label(i)} is not used by any output`);
  if (inputs.length > 1 || outputs.length > 1) throw fail(`found ${inputs.length} inputs and ${outputs.length} outputs; a model has one input and one output`);
  if (order[0] !== inputs[0]) throw fail('the input must come first');

  const index = new Map(order.map((l, i) => [l, i]));
  const graph = order.map((l) => (l.inbound ?? []).map((i) => index.get(i)!));
  return new Model(order, { name, ...(options.backend ? { backend: options.backend } : {}) }, graph);
}
