import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sequential } from '../../models/sequential.js';
import { input } from '../../layers/input.js';
import { dense } from '../../layers/dense.js';
import { activation } from '../../layers/activation.js';
import { leakyRelu } from '../../layers/leaky-relu.js';
import { rescaling } from '../../layers/rescaling.js';
import { Layer, type LayerConfig } from '../../parts/layer.js';
import { ACTIVATIONS } from '../../kernels/backend.js';
import { registerLayer } from '../../registry/lookup.js';
import { defineLayer } from '../../parts/definitions.js';
import { ExportError, InvalidArgumentError } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import { Xoshiro128 } from '../../random/xoshiro.js';
import { NOISENET_VERSION } from '../version.js';
import { exportOnnx } from './export.js';
import { everyLayer, FEATURES } from '../../testing/onnx-models.js';
import { decodeModelProto } from './proto.js';
import { checkOnnx, onnxCheckerSkip, runOnnx } from '../../testing/onnx-runtime.js';
import type { Sequential } from '../../models/sequential.js';

/** Inputs of every sign and size, a batch of 7. */
function inputs(rows: number, seed = 1): Float32Array {
  const g = new Xoshiro128(seed);
  return Float32Array.from({ length: rows * FEATURES }, () => g.normal() * 1.5);
}

/** The largest |onnxruntime - predict| over the batch, asserting the output shape. */
async function largestDifference(model: Sequential, bytes: Uint8Array, rows = 7): Promise<number> {
  const x = inputs(rows);
  const ours = model.predict(new Tensor(x, [rows, FEATURES])).data;
  const theirs = await runOnnx(bytes, x, [rows, FEATURES]);
  assert.deepEqual(theirs.dims, [rows, ...model.outputShape]);
  assert.equal(theirs.data.length, ours.length);
  let worst = 0;
  for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - theirs.data[i]!));
  return worst;
}

test('every layer and activation runs in onnxruntime with the predictions of predict (max abs difference <= 1e-5)', async () => {
  let worst = 0;
  for (const [i, act] of ACTIVATIONS.entries()) {
    const model = everyLayer(act, 10 + i);
    const diff = await largestDifference(model, exportOnnx(model));
    assert.ok(diff <= 1e-5, `${act}: max abs difference ${diff}`);
    worst = Math.max(worst, diff);
  }
  // The number docs/guides/saving-and-exporting.md quotes: the largest difference over every activation.
  console.log(`# ONNX export: largest |onnxruntime - predict| over ${ACTIVATIONS.length} activations: ${worst.toExponential(2)}`);
});

test('the graph states its opset, IR version, producer, named inputs and outputs and a dynamic batch dimension', async () => {
  const model = everyLayer('relu', 2);
  const proto = decodeModelProto(exportOnnx(model)) as any;
  assert.equal(proto.ir_version, 8);
  assert.deepEqual(proto.opset_import, [{ domain: '', version: 17 }]);
  assert.equal(proto.producer_name, 'noisenet');
  assert.equal(proto.producer_version, NOISENET_VERSION);
  const dims = (v: any) => v.type.tensor_type.shape.dim.map((d: any) => d.dim_param ?? d.dim_value);
  assert.deepEqual(proto.graph.input.map((v: any) => [v.name, dims(v)]), [['input', ['batch', FEATURES]]]);
  assert.deepEqual(proto.graph.output.map((v: any) => [v.name, dims(v)]), [['output', ['batch', 4]]]);
  // Noise layers vanish: the Rescaling, the Dense layers' Gemm, the activations and the softmax remain.
  assert.deepEqual(proto.graph.node.map((n: any) => n.op_type), ['Mul', 'Add', 'Gemm', 'Relu', 'Gemm', 'Relu', 'LeakyRelu', 'Relu', 'Gemm', 'Softmax']);
  // One batch size in the file, any at run time.
  for (const rows of [1, 33]) assert.ok((await largestDifference(model, exportOnnx(model), rows)) <= 1e-5, `batch ${rows}`);
});

test('logits: the final softmax is left out; only models ending in a softmax take the flag', async () => {
  const model = everyLayer('tanh', 3);
  const logitsModel = sequential([input({ shape: [FEATURES] }), rescaling({ scale: 0.8, offset: 0.05 }), dense({ units: 9, activation: 'tanh' }), dense({ units: 6, activation: 'tanh', useBias: false }), leakyRelu({ negativeSlope: 0.3 }), activation({ activation: 'tanh' }), dense({ units: 4 })]);
  // The same weights with DropConnect's inference scaling applied by hand, ending in a linear layer.
  const w = model.getWeights();
  logitsModel.setWeights([w[0]!.data.map((v) => v * 0.7), w[1]!.data.map((v) => v * 0.7), w[2]!.data, w[3]!.data.map((v) => v * 0.75), w[4]!.data.map((v) => v * 0.75)] as Float32Array[]);
  const bytes = exportOnnx(model, { logits: true });
  assert.deepEqual((decodeModelProto(bytes) as any).graph.node.map((n: any) => n.op_type).at(-1), 'Gemm');
  assert.ok((await largestDifference(logitsModel, bytes)) <= 1e-5);
  assert.throws(() => exportOnnx(logitsModel, { logits: true }), (e: unknown) => e instanceof InvalidArgumentError && /^exportOnnx: logits must be used on a model ending in a softmax, received last layer 'dense_2' \(Dense, linear\)$/.test(e.message));
  assert.throws(() => exportOnnx(model, { opset: 16 }), InvalidArgumentError);
  assert.throws(() => exportOnnx(model, { fused: true } as never), /exportOnnx: each option must be one of logits, opset, inputName, outputName, received "fused"/);
});

test('opset 20 writes GELU as the Gelu operator, with the same predictions', async () => {
  const model = everyLayer('gelu', 4);
  const bytes = exportOnnx(model, { opset: 20, inputName: 'pixels', outputName: 'probabilities' });
  const proto = decodeModelProto(bytes) as any;
  assert.ok(proto.graph.node.some((n: any) => n.op_type === 'Gelu'));
  assert.deepEqual([proto.ir_version, proto.graph.input[0].name, proto.graph.output[0].name], [9, 'pixels', 'probabilities']);
  const x = inputs(5);
  const out = await runOnnx(bytes, x, [5, FEATURES], 'pixels');
  assert.deepEqual(out.outputNames, ['probabilities']);
  const ours = model.predict(new Tensor(x, [5, FEATURES])).data;
  for (let i = 0; i < ours.length; i++) assert.ok(Math.abs(ours[i]! - out.data[i]!) <= 1e-5);
});

test('a layer without an ONNX mapping is a one-line ExportError naming it', () => {
  class Doubler extends Layer {
    readonly className = 'Doubler';
    forward(x: Float32Array | Float64Array): Float32Array | Float64Array {
      return x.map((v) => 2 * v);
    }
    backward(dy: Float32Array | Float64Array): Float32Array | Float64Array {
      return dy;
    }
    getConfig(): LayerConfig {
      return { name: this.name };
    }
  }
  registerLayer(defineLayer({ className: 'Doubler', factory: 'doubler', summary: 'doubles its input', options: {}, create: () => new Doubler(undefined), tfjs: { className: null } }));
  const model = sequential([input({ shape: [FEATURES] }), new Doubler('twice'), dense({ units: 2 })]);
  assert.throws(
    () => exportOnnx(model),
    (e: unknown) => e instanceof ExportError && e.message === "exportOnnx: layer 'twice' (Doubler) cannot be exported to ONNX: its declaration has no ONNX mapping",
  );
});

test('onnx.checker.check_model accepts the exported models', { skip: onnxCheckerSkip() }, () => {
  for (const [i, act] of ACTIVATIONS.entries()) {
    const { error, info } = checkOnnx(exportOnnx(everyLayer(act, 20 + i)));
    assert.equal(error, null, `${act}: ${error}`);
    assert.match(info, new RegExp(`^ir 8 opset 17 producer noisenet ${NOISENET_VERSION.replace(/\./g, '\\.')}$`));
  }
  assert.equal(checkOnnx(exportOnnx(everyLayer('relu', 5), { logits: true })).error, null);
});
