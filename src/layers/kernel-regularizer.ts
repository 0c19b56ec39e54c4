/**
 * The L2 kernel penalty (Krogh & Hertz 1992): `loss + l2 * sum(W^2)`, Keras'
 * `kernel_regularizer=L2(l2)`. Not noise: the weight decay that small input noise approximates
 * (Bishop 1995), declared as a technique so that noise can be compared against it.
 */
import { number, type Schema } from '../schema/fields.js';
import { defineTechnique, type HostOnly } from '../parts/definitions.js';

/** The options of a kernel layer's `kernelRegularizer`. */
export interface KernelRegularizerOptions {
  /** Penalty factor on the sum of squared kernel weights, >= 0. */
  l2: number;
}

export const KERNEL_REGULARIZER_FIELDS: Schema<KernelRegularizerOptions> = {
  l2: number('penalty factor on the sum of squared kernel weights', { required: true, range: { min: 0 } }),
};

/** A kernel layer's host-only option (see `HostOnly`): the L2 penalty is summed into the loss in JavaScript at every step. */
export const KERNEL_LAYER_HOST_ONLY: HostOnly = { option: 'kernelRegularizer', reason: 'adds its L2 penalty (kernelRegularizer) to the loss in JavaScript' };

export const L2_TECHNIQUE = defineTechnique({
  name: 'l2',
  aliases: ['weight-decay'],
  title: 'L2 weight penalty (the baseline, not noise)',
  description: 'Adds lambda * sum(W^2) of every kernel to the loss: the weight decay that small input noise approximates (Bishop 1995), to compare noise against.',
  formula: 'loss + lambda * sum(W^2)',
  paper: 'Krogh & Hertz 1992; Bishop 1995',
  typical: 'lambda 1e-5 to 1e-3 per weight',
  offeredBy: { keras: 'kernel_regularizer=L2', tfjs: 'kernelRegularizer: l2', pytorch: 'weight_decay of the optimizers' },
  example: 'l2:lambda=0.0001',
  api: 'dense({ units, kernelRegularizer: { l2 } })',
  params: { lambda: number('penalty factor on the sum of squared kernel weights', { default: 0.0001, range: { min: 0 } }) },
  target: { kind: 'weight', option: 'kernelRegularizer', value: (p) => ({ l2: p['lambda'] }), defaultWhere: 'all' },
});
