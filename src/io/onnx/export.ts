/**
 * ONNX export: a trained model as an ONNX ModelProto, every layer through the `onnx` mapping of
 * its declaration (noise layers vanish, DropConnect folds into its weights, a softmax stays a
 * Softmax unless `logits` is asked). The graph has one input `input` of shape `[batch, ...]`
 * and one output `output`, the batch dimension dynamic, in noisenet's own (channels-last) order.
 */
import type { Sequential } from '../../models/sequential.js';
import type { OnnxValue } from '../../parts/onnx.js';
import { findLayer } from '../../registry/lookup.js';
import { ExportError, InvalidArgumentError, invalid } from '../../errors.js';
import { checkNumber } from '../../validate.js';
import { noisenetVersion } from '../version.js';
import { GraphBuilder } from './graph-builder.js';
import { encodeModelProto } from './proto.js';
import { floatValueInfo } from './tensors.js';

/** The operator set written by default: ONNX 1.12's, which onnx 1.12 and later check and every current runtime runs. */
export const ONNX_OPSET = 17;
/** The IR version of each opset: the ONNX release that introduced the opset. */
const IR_VERSION: Record<number, number> = { 17: 8, 18: 8, 19: 9, 20: 9, 21: 10 };

export interface OnnxExportOptions {
  /** Leave out the final softmax, so the graph outputs logits; default false. */
  logits?: boolean;
  /** Operator set version, 17 to 21; default 17 (from 20 GELU is the Gelu operator, before it its erf formula). */
  opset?: number;
  /** Name of the graph input; default `input`. */
  inputName?: string;
  /** Name of the graph output; default `output`. */
  outputName?: string;
}

/**
 * The ONNX model of `model` (pure: bytes, no file). Weights never initialised are initialised
 * first, as `saveModel` does.
 * @throws ExportError naming the first layer that has no ONNX mapping.
 * @throws InvalidArgumentError for bad options (`logits` on a model that does not end in a softmax).
 */
export function exportOnnx(model: Sequential, options: OnnxExportOptions = {}): Uint8Array {
  const known = ['logits', 'opset', 'inputName', 'outputName'];
  for (const key of Object.keys(options)) if (!known.includes(key)) throw invalid('exportOnnx', 'each option', `one of ${known.join(', ')}`, key);
  const opset = checkNumber('exportOnnx', 'opset', options.opset ?? ONNX_OPSET, { min: 17, max: 21, integer: true });
  const inputName = options.inputName ?? 'input';
  const outputName = options.outputName ?? 'output';
  if (inputName === outputName) throw invalid('exportOnnx', 'outputName', `different from inputName ${JSON.stringify(inputName)}`, outputName);
  const logits = options.logits ?? false;
  model.build();
  const layers = model.layers;
  for (const layer of layers) {
    if (!findLayer(layer.className)?.onnx) throw new ExportError(`exportOnnx: layer '${layer.name}' (${layer.className}) cannot be exported to ONNX: its declaration has no ONNX mapping`);
  }
  const last = layers[layers.length - 1]!;
  if (logits && last.getConfig()['activation'] !== 'softmax') {
    const act = String(last.getConfig()['activation'] ?? 'no activation');
    throw new InvalidArgumentError(`exportOnnx: logits must be used on a model ending in a softmax, received last layer '${last.name}' (${last.className}, ${act})`);
  }
  model.ensureWeights();

  const graph = new GraphBuilder(opset, [inputName, outputName]);
  // Each layer's value, read by the layers after it (a graph's by index, a stack's the one before).
  const values: OnnxValue[] = [];
  layers.forEach((layer, i) => {
    const context = { last: i === layers.length - 1, logits };
    const mapping = findLayer(layer.className)!.onnx!;
    const ins = model.inputsOfLayer(i).map((j) => values[j]!);
    if (i === 0) values.push(mapping.toOnnx(layer, { name: inputName, shape: model.inputShape, layout: 'channelsLast' }, graph, context));
    else if (mapping.toOnnxMerge) values.push(mapping.toOnnxMerge(layer, ins, graph, context));
    else values.push(mapping.toOnnx(layer, ins[0]!, graph, context));
  });
  let value = values[values.length - 1]!;
  value = graph.channelsLast(value, 'output');
  if (value.name === inputName) value = { ...value, name: graph.node('Identity', [inputName], 'output') };
  graph.renameOutput(value.name, outputName);

  const version = noisenetVersion();
  return encodeModelProto({
    ir_version: IR_VERSION[opset],
    opset_import: [{ domain: '', version: opset }],
    producer_name: 'noisenet',
    producer_version: version,
    doc_string: `${model.name}, exported by noisenet ${version}${logits ? ' (logits)' : ''}`,
    metadata_props: [{ key: 'noisenet.model', value: JSON.stringify(model.getConfig()) }],
    graph: {
      name: model.name,
      node: graph.nodes,
      initializer: graph.initializers,
      input: [floatValueInfo(inputName, model.inputShape)],
      output: [floatValueInfo(outputName, value.shape)],
    },
  });
}
