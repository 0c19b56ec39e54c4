/**
 * Dense in ONNX: `Gemm(x, W, b)` then its activation. Weight noise is off at inference and
 * leaves no trace; DropConnect's inference rule, the expected weights `(1 - p) W` and
 * `(1 - p) b` (p the rate training ended at), is folded into the exported weights. The last
 * layer of a model exported with `logits` leaves out its softmax.
 */
import type { Activation } from '../kernels/backend.js';
import type { OnnxMapping } from '../parts/onnx.js';
import { finalLevel, type NoiseLevel } from '../schema/noise-schedule.js';

export const DENSE_ONNX: OnnxMapping = {
  toOnnx(layer, input, graph, context) {
    const config = layer.getConfig();
    const [kernel, bias] = layer.params();
    const units = Number(config['units']);
    const p = finalLevel(((config['dropConnect'] as { rate?: NoiseLevel } | undefined)?.rate ?? 0) as NoiseLevel);
    const keep = (values: ArrayLike<number>): Float32Array => Float32Array.from(values, (v) => v * (1 - p));
    const w = graph.constant(`${layer.name}/kernel`, kernel!.shape, keep(kernel!.value));
    const x = graph.channelsLast(input, layer.name);
    const inputs = bias ? [x.name, w, graph.constant(`${layer.name}/bias`, bias.shape, keep(bias.value))] : [x.name, w];
    const out = { name: graph.node('Gemm', inputs, layer.name), shape: [units], layout: 'channelsLast' as const };
    let act = config['activation'] as Activation;
    if (context.last && context.logits && act === 'softmax') act = 'linear';
    return graph.activation(out, act, `${layer.name}/${act}`);
  },
};
