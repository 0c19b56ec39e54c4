/**
 * Scalar activation functions and their derivatives, the reference every backend matches.
 * Constants follow Keras: SELU (Klambauer et al. 2017), ELU alpha 1, leaky ReLU slope 0.2,
 * GELU exact (erf form, Hendrycks & Gimpel 2016), relu6 `min(max(x, 0), 6)`, softplus `log(1 + e^x)`.
 *
 * NaN propagates, as in TF.js and PyTorch: act(NaN) and act'(NaN) are NaN for every activation,
 * so a NaN input shows up as a NaN loss instead of training quietly on zeros.
 */
import type { Activation } from '../backend.js';

export const SELU_ALPHA = 1.6732632423543772;
export const SELU_SCALE = 1.0507009873554805;
export const LEAKY_SLOPE = 0.2;

/** erf with absolute error below 1.5e-7 (Abramowitz & Stegun 7.1.26). */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-ax * ax);
  return sign * y;
}

/** act(x) for every element-wise activation (softmax is handled per row by the kernels). */
export function activate(act: Activation, x: number): number {
  switch (act) {
    case 'linear':
    case 'softmax':
      return x;
    case 'relu':
      return x < 0 ? 0 : x; // NaN stays NaN (and -0 stays -0), as the wasm kernel's pmax(x, 0)
    case 'sigmoid':
      return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    case 'tanh':
      return Math.tanh(x);
    case 'elu':
      return x > 0 ? x : Math.expm1(x);
    case 'selu':
      return x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * Math.expm1(x);
    case 'leakyRelu':
      return x > 0 ? x : LEAKY_SLOPE * x;
    case 'gelu':
      return 0.5 * x * (1 + erf(x / Math.SQRT2));
    case 'relu6':
      return x < 0 ? 0 : x > 6 ? 6 : x;
    case 'softplus':
      return (x < 0 ? 0 : x) + Math.log1p(Math.exp(-Math.abs(x))); // stable for large |x|; NaN stays NaN
  }
}

/** d act / dx, from the pre-activation `x` and the output `y`. */
export function derivative(act: Activation, x: number, y: number): number {
  switch (act) {
    case 'linear':
    case 'softmax':
      return 1;
    case 'relu':
      return y > 0 ? 1 : y !== y ? y : 0;
    case 'sigmoid':
      return y * (1 - y);
    case 'tanh':
      return 1 - y * y;
    case 'elu':
      return y > 0 ? 1 : y + 1;
    case 'selu':
      return y > 0 ? SELU_SCALE : y + SELU_SCALE * SELU_ALPHA;
    case 'leakyRelu':
      return y > 0 ? 1 : y !== y ? y : LEAKY_SLOPE;
    case 'gelu':
      return 0.5 * (1 + erf(x / Math.SQRT2)) + (x * Math.exp(-0.5 * x * x)) / Math.sqrt(2 * Math.PI);
    case 'relu6':
      return y > 0 && y < 6 ? 1 : y !== y ? y : 0;
    case 'softplus':
      return -Math.expm1(-y); // sigmoid(x) = 1 - e^-softplus(x)
  }
}
