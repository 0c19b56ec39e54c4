/**
 * The ONNX operators of the convolutional layers. noisenet holds images channels-last (NHWC);
 * ONNX's Conv and pooling take channels-first (NCHW): each asks the graph for the layout it
 * needs, which inserts the Transpose (once per change of layout, not per layer). Padding is
 * written out explicitly as TF's `same` places it (the odd pixel bottom/right); Flatten and
 * Reshape go back to channels-last first, so the values keep noisenet's order.
 */
import type { Activation } from '../kernels/backend.js';
import type { OnnxMapping, OnnxGraph, OnnxValue } from '../parts/onnx.js';
import type { Layer } from '../parts/layer.js';
import { windowAxis, type Padding } from '../kernels/window-geometry.js';
import { finalLevel, type NoiseLevel } from '../schema/noise-schedule.js';

type Pair = readonly [number, number];

// What the mappings read of their layers (structural, so the layer files can import this one).
interface ConvLike extends Layer {
  readonly options: { kernelSize: Pair; strides: Pair; dilationRate: Pair; padding: Padding; activation: Activation; dropConnect?: { rate?: NoiseLevel } };
}
interface PoolLike extends Layer {
  readonly poolSize: Pair;
  readonly strides: Pair;
  readonly padding: Padding;
}
interface NormLike extends Layer {
  readonly epsilon: number;
  readonly gamma: { value: ArrayLike<number> } | null;
  readonly beta: { value: ArrayLike<number> } | null;
  readonly movingMean: { value: ArrayLike<number> };
  readonly movingVariance: { value: ArrayLike<number> };
}

/** ONNX `pads` [top, left, bottom, right] of a window over [height, width]. */
function pads(size: Pair, kernel: Pair, stride: Pair, dilation: Pair, padding: Padding): number[] {
  const before: number[] = [];
  const after: number[] = [];
  for (const axis of [0, 1] as const) {
    const { out, padBefore } = windowAxis(size[axis], kernel[axis], stride[axis], dilation[axis], padding);
    const total = Math.max((out - 1) * stride[axis] + (kernel[axis] - 1) * dilation[axis] + 1 - size[axis], 0);
    before.push(padding === 'same' ? padBefore : 0);
    after.push(padding === 'same' ? total - padBefore : 0);
  }
  return [...before, ...after];
}

/** The layer's output in channels-first order ([C, H, W] of its channels-last [H, W, C]). */
const firstOf = (shape: readonly number[]): number[] => [shape[2]!, shape[0]!, shape[1]!];

export const CONV2D_ONNX: OnnxMapping = {
  toOnnx(layer, input, graph) {
    const conv = layer as ConvLike;
    const o = conv.options;
    const [kernel, bias] = conv.params();
    const [kh, kw, cin, cout] = kernel!.shape as [number, number, number, number];
    const p = finalLevel(o.dropConnect?.rate ?? 0);
    // HWIO -> OIHW, with DropConnect's expected weights (1 - p) W folded in.
    const oihw = new Float32Array(kernel!.value.length);
    for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) for (let i = 0; i < cin; i++) for (let f = 0; f < cout; f++) {
      oihw[((f * cin + i) * kh + y) * kw + x] = kernel!.value[((y * kw + x) * cin + i) * cout + f]! * (1 - p);
    }
    const x = graph.channelsFirst(input, layer.name);
    const inputs = [x.name, graph.constant(`${layer.name}/kernel`, [cout, cin, kh, kw], oihw)];
    if (bias) inputs.push(graph.constant(`${layer.name}/bias`, [cout], Float32Array.from(bias.value, (v) => v * (1 - p))));
    const size = [conv.inputShape[0]!, conv.inputShape[1]!] as const;
    const out: OnnxValue = {
      name: graph.node('Conv', inputs, layer.name, {
        kernel_shape: { ints: [kh, kw] },
        strides: { ints: [...o.strides] },
        dilations: { ints: [...o.dilationRate] },
        pads: { ints: pads(size, o.kernelSize, o.strides, o.dilationRate, o.padding) },
      }),
      shape: firstOf(conv.outputShape),
      layout: 'channelsFirst',
    };
    return graph.activation(out, o.activation as Activation, `${layer.name}/${o.activation}`);
  },
};

/** MaxPool or AveragePool (padding not counted in the mean, as noisenet's `same`). */
function pooling(op: 'MaxPool' | 'AveragePool'): OnnxMapping {
  return {
    toOnnx(layer, input, graph) {
      const pool = layer as PoolLike;
      const x = graph.channelsFirst(input, layer.name);
      const size = [pool.inputShape[0]!, pool.inputShape[1]!] as const;
      const attributes = {
        kernel_shape: { ints: [...pool.poolSize] },
        strides: { ints: [...pool.strides] },
        pads: { ints: pads(size, pool.poolSize, pool.strides, [1, 1], pool.padding) },
        ...(op === 'AveragePool' ? { count_include_pad: { i: 0 } } : {}),
      };
      return { name: graph.node(op, [x.name], layer.name, attributes), shape: firstOf(pool.outputShape), layout: 'channelsFirst' };
    },
  };
}

export const MAX_POOLING2D_ONNX = pooling('MaxPool');
export const AVERAGE_POOLING2D_ONNX = pooling('AveragePool');

/** `[N, C, 1, 1]` of GlobalAveragePool, flattened to noisenet's `[N, C]`. */
export const GLOBAL_AVERAGE_POOLING2D_ONNX: OnnxMapping = {
  toOnnx(layer, input, graph) {
    const x = graph.channelsFirst(input, layer.name);
    const pooled = graph.node('GlobalAveragePool', [x.name], `${layer.name}/pool`);
    return { name: graph.node('Flatten', [pooled], layer.name, { axis: { i: 1 } }), shape: [...layer.outputShape], layout: 'channelsLast' };
  },
};

/** Flatten of the channels-last values (Keras' order). */
export const FLATTEN_ONNX: OnnxMapping = {
  toOnnx(layer, input, graph) {
    const x = graph.channelsLast(input, layer.name);
    return { name: graph.node('Flatten', [x.name], layer.name, { axis: { i: 1 } }), shape: [...layer.outputShape], layout: 'channelsLast' };
  },
};

/** Reshape of the channels-last values to `[batch, ...outputShape]`. */
export const RESHAPE_ONNX: OnnxMapping = {
  toOnnx(layer, input, graph) {
    const x = graph.channelsLast(input, layer.name);
    const shape = graph.constantInt64(`${layer.name}/shape`, [layer.outputShape.length + 1], [-1, ...layer.outputShape]);
    return { name: graph.node('Reshape', [x.name, shape], layer.name), shape: [...layer.outputShape], layout: 'channelsLast' };
  },
};

/** The moving statistics folded into `x * s + t` over the channels: `s = gamma / sqrt(var + eps)`, `t = beta - mean s`. */
export const BATCH_NORMALIZATION_ONNX: OnnxMapping = {
  toOnnx(layer, input, graph) {
    const bn = layer as NormLike;
    const c = bn.movingMean.value.length;
    const scale = new Float32Array(c);
    const shift = new Float32Array(c);
    for (let i = 0; i < c; i++) {
      const s = (bn.gamma ? bn.gamma.value[i]! : 1) / Math.sqrt(bn.movingVariance.value[i]! + bn.epsilon);
      scale[i] = s;
      shift[i] = (bn.beta ? bn.beta.value[i]! : 0) - bn.movingMean.value[i]! * s;
    }
    // Channels are the last axis, or the first of a channels-first image ([C, 1, 1] broadcasts over H, W).
    const dims = input.layout === 'channelsFirst' ? [c, ...input.shape.slice(1).map(() => 1)] : [c];
    const scaled = graph.node('Mul', [input.name, graph.constant(`${layer.name}/scale`, dims, scale)], `${layer.name}/mul`);
    return { ...input, name: graph.node('Add', [scaled, graph.constant(`${layer.name}/shift`, dims, shift)], layer.name) };
  },
};

/** A layer that applies one activation (Activation, ReLU, Softmax). */
export function activationOnnx(act: (layer: Layer) => Activation): OnnxMapping {
  return { toOnnx: (layer, input, graph: OnnxGraph) => graph.activation(input, act(layer), layer.name) };
}
