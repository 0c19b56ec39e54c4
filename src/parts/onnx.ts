/**
 * How a layer maps to ONNX: the interface a layer's declaration (`onnx` of its
 * {@link LayerDefinition}) uses to add its inference-time operators to the graph the exporter
 * (`src/io/onnx/`) builds. Values flow between layers by name; image values remember whether
 * they are channels-last (NHWC, as noisenet and Keras hold images) or channels-first (NCHW,
 * what ONNX's Conv and pooling operators take), so a layer asks for the layout it needs and the
 * graph inserts the Transpose.
 */
import type { Layer } from './layer.js';
import type { Activation } from '../kernels/backend.js';

/** A value of the graph: its name and its shape without the batch dimension, in its layout's order. */
export interface OnnxValue {
  readonly name: string;
  /** Per-sample shape as the value holds it (`[C, H, W]` when channels-first). */
  readonly shape: readonly number[];
  /** `channelsLast` for noisenet's own order (rank 1 values are always this), `channelsFirst` after a Transpose to NCHW. */
  readonly layout: 'channelsLast' | 'channelsFirst';
}

/** An attribute of a node, by its ONNX type. */
export type OnnxAttribute = { readonly f: number } | { readonly i: number } | { readonly floats: readonly number[] } | { readonly ints: readonly number[] } | { readonly s: string };

/** What a mapping sees of the graph being built. */
export interface OnnxGraph {
  /** The operator set version the graph is written for. */
  readonly opset: number;
  /** Adds a float32 constant (an initializer) under a unique name derived from `name`; returns that name. */
  constant(name: string, dims: readonly number[], values: Float32Array): string;
  /** Adds an int64 constant (shapes for Reshape, axes); returns its name. */
  constantInt64(name: string, dims: readonly number[], values: readonly number[]): string;
  /** Adds a node of `op` (default domain) and returns its output name, unique, derived from `name`. */
  node(op: string, inputs: readonly string[], name: string, attributes?: Readonly<Record<string, OnnxAttribute>>): string;
  /** Applies a noisenet activation to `value` (nothing for `linear`); `softmax` over the last axis. */
  activation(value: OnnxValue, act: Activation, name: string): OnnxValue;
  /** `value` in channels-first order (a Transpose NHWC -> NCHW when it is channels-last and of rank >= 2). */
  channelsFirst(value: OnnxValue, name: string): OnnxValue;
  /** `value` in channels-last order (a Transpose NCHW -> NHWC when it is channels-first). */
  channelsLast(value: OnnxValue, name: string): OnnxValue;
}

/** Per-export choices a mapping may read. */
export interface OnnxExportContext {
  /** The layer is the model's last. */
  readonly last: boolean;
  /** Export logits: the last layer leaves out its softmax. */
  readonly logits: boolean;
}

/** How a layer exports to ONNX. */
export interface OnnxMapping {
  /**
   * Adds the layer's inference-time operators, reading its weights and config, and returns the
   * value it produces (its input itself when the layer is the identity at inference).
   */
  readonly toOnnx: (layer: Layer, input: OnnxValue, graph: OnnxGraph, context: OnnxExportContext) => OnnxValue;
  /** For merge layers: adds the operators that merge `inputs` (one value per input, in order). */
  readonly toOnnxMerge?: (layer: Layer, inputs: readonly OnnxValue[], graph: OnnxGraph, context: OnnxExportContext) => OnnxValue;
}

/** The mapping of layers that are the identity at inference (Input, every noise layer): they export as nothing. */
export const ONNX_IDENTITY: OnnxMapping = { toOnnx: (_layer, input) => input };
