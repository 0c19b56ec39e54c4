/**
 * The graph the exporter builds: nodes, initializers and unique names, with the helpers layer
 * mappings use (activations, NHWC <-> NCHW transposes). See `../../parts/onnx.ts`.
 */
import type { Activation } from '../../kernels/backend.js';
import type { OnnxAttribute, OnnxGraph, OnnxValue } from '../../parts/onnx.js';
import { LEAKY_SLOPE, SELU_ALPHA, SELU_SCALE } from '../../kernels/ref/activations.js';
import { floatTensor, int64Tensor } from './tensors.js';

/** A node as the schema's plain object. */
interface NodeObject {
  name: string;
  op_type: string;
  input: string[];
  output: string[];
  attribute: Record<string, unknown>[];
}

/** ONNX operators of the element-wise activations with their attributes. */
const ACTIVATION_OPS: Partial<Record<Activation, { op: string; attributes?: Record<string, OnnxAttribute> }>> = {
  relu: { op: 'Relu' },
  sigmoid: { op: 'Sigmoid' },
  tanh: { op: 'Tanh' },
  elu: { op: 'Elu', attributes: { alpha: { f: 1 } } },
  selu: { op: 'Selu', attributes: { alpha: { f: SELU_ALPHA }, gamma: { f: SELU_SCALE } } },
  leakyRelu: { op: 'LeakyRelu', attributes: { alpha: { f: LEAKY_SLOPE } } },
  softplus: { op: 'Softplus' },
};

/** The schema's AttributeProto for one attribute (type numbers from AttributeProto.AttributeType). */
function attributeProto(name: string, a: OnnxAttribute): Record<string, unknown> {
  if ('f' in a) return { name, type: 1, f: a.f };
  if ('i' in a) return { name, type: 2, i: a.i };
  if ('s' in a) return { name, type: 3, s: new TextEncoder().encode(a.s) };
  if ('floats' in a) return { name, type: 6, floats: [...a.floats] };
  return { name, type: 7, ints: [...a.ints] };
}

export class GraphBuilder implements OnnxGraph {
  readonly nodes: NodeObject[] = [];
  readonly initializers: Record<string, unknown>[] = [];
  private readonly names = new Set<string>();

  constructor(readonly opset: number, reserved: readonly string[]) {
    for (const n of reserved) this.names.add(n);
  }

  /** `base`, or `base_1`, `base_2`, ... when taken. */
  unique(base: string): string {
    let name = base;
    for (let i = 1; this.names.has(name); i++) name = `${base}_${i}`;
    this.names.add(name);
    return name;
  }

  constant(name: string, dims: readonly number[], values: Float32Array): string {
    const unique = this.unique(name);
    this.initializers.push(floatTensor(unique, dims, values));
    return unique;
  }

  constantInt64(name: string, dims: readonly number[], values: readonly number[]): string {
    const unique = this.unique(name);
    this.initializers.push(int64Tensor(unique, dims, values));
    return unique;
  }

  node(op: string, inputs: readonly string[], name: string, attributes: Readonly<Record<string, OnnxAttribute>> = {}): string {
    const nodeName = this.unique(name);
    const output = this.unique(`${nodeName}:0`);
    this.nodes.push({ name: nodeName, op_type: op, input: [...inputs], output: [output], attribute: Object.entries(attributes).map(([k, a]) => attributeProto(k, a)) });
    return output;
  }

  /** Renames the last node's output (so the graph output gets its public name). */
  renameOutput(from: string, to: string): void {
    for (const n of this.nodes) {
      n.input = n.input.map((i) => (i === from ? to : i));
      n.output = n.output.map((o) => (o === from ? to : o));
    }
  }

  activation(value: OnnxValue, act: Activation, name: string): OnnxValue {
    if (act === 'linear') return value;
    if (act === 'softmax') {
      const v = this.channelsLast(value, name);
      return { ...v, name: this.node('Softmax', [v.name], name, { axis: { i: -1 } }) };
    }
    if (act === 'gelu') return { ...value, name: this.gelu(value.name, name) };
    if (act === 'relu6') {
      const bound = (n: string, v: number): string => this.constant(`${name}/${n}`, [], Float32Array.of(v));
      return { ...value, name: this.node('Clip', [value.name, bound('min', 0), bound('max', 6)], name) };
    }
    const { op, attributes } = ACTIVATION_OPS[act]!;
    return { ...value, name: this.node(op, [value.name], name, attributes) };
  }

  /** GELU: the Gelu operator from opset 20, before it the exact erf form `x * 0.5 * (1 + erf(x / sqrt(2)))`. */
  private gelu(x: string, name: string): string {
    if (this.opset >= 20) return this.node('Gelu', [x], name);
    const scalar = (n: string, v: number): string => this.constant(`${name}/${n}`, [], Float32Array.of(v));
    const scaled = this.node('Div', [x, scalar('sqrt2', Math.SQRT2)], `${name}/div`);
    const erf = this.node('Erf', [scaled], `${name}/erf`);
    const plus = this.node('Add', [erf, scalar('one', 1)], `${name}/add`);
    const times = this.node('Mul', [x, plus], `${name}/mul`);
    return this.node('Mul', [times, scalar('half', 0.5)], name);
  }

  channelsFirst(value: OnnxValue, name: string): OnnxValue {
    const r = value.shape.length;
    if (value.layout === 'channelsFirst' || r < 2) return value;
    const perm = [0, r, ...Array.from({ length: r - 1 }, (_, i) => i + 1)];
    const shape = [value.shape[r - 1]!, ...value.shape.slice(0, r - 1)];
    return { name: this.node('Transpose', [value.name], `${name}/to_nchw`, { perm: { ints: perm } }), shape, layout: 'channelsFirst' };
  }

  channelsLast(value: OnnxValue, name: string): OnnxValue {
    const r = value.shape.length;
    if (value.layout === 'channelsLast') return value;
    const perm = [0, ...Array.from({ length: r - 1 }, (_, i) => i + 2), 1];
    const shape = [...value.shape.slice(1), value.shape[0]!];
    return { name: this.node('Transpose', [value.name], `${name}/to_nhwc`, { perm: { ints: perm } }), shape, layout: 'channelsLast' };
  }
}
