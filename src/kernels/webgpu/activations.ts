/**
 * Fused bias and activation, and its backward pass, for the webgpu backend: the same functions
 * as the reference (src/kernels/ref/activations.ts, Keras' constants) in float32. `expm1` and
 * `log1p`, which WGSL lacks, are taken with the exact-correction forms (`(e^x - 1) x / ln e^x`),
 * so ELU, SELU and softplus keep their relative accuracy near 0. WGSL lets a compiler assume
 * that no NaN reaches it, so unlike the host backends NaN propagation is not promised.
 */
import { ACTIVATIONS, NEEDS_PRE_ACTIVATION, type Activation, type FloatArray } from '../backend.js';
import { LEAKY_SLOPE, SELU_ALPHA, SELU_SCALE } from '../ref/activations.js';
import type { GpuContext } from './gpu-context.js';
import { bindArrays, cachedSource, ENTRY_1D, f32Literal, grid, Params } from './kernel-source.js';

/** Helpers every activation source may call. */
const MATH_WGSL = `
fn expm1_(x: f32) -> f32 {
  let u = exp(x);
  if (u == 1.0) { return x; }
  let um1 = u - 1.0;
  if (um1 == -1.0) { return -1.0; }
  if (abs(x) > 0.5) { return um1; }
  return um1 * x / log(u);
}
fn log1p_(x: f32) -> f32 {
  let u = 1.0 + x;
  if (u == 1.0) { return x; }
  return log(u) * x / (u - 1.0);
}
fn erf_(x: f32) -> f32 {
  let ax = abs(x);
  let t = 1.0 / (1.0 + 0.3275911 * ax);
  let y = 1.0 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * exp(-ax * ax);
  return select(y, -y, x < 0.0);
}
fn tanh_(x: f32) -> f32 {
  // Clamped: some implementations compute tanh from exp(2x), which overflows to inf / inf.
  return tanh(clamp(x, -15.0, 15.0));
}`;

const SELU_S = f32Literal(SELU_SCALE);
const SELU_SA = f32Literal(SELU_SCALE * SELU_ALPHA);
const LEAKY = f32Literal(LEAKY_SLOPE);
const INV_SQRT2 = f32Literal(Math.SQRT1_2);
const INV_SQRT_2PI = f32Literal(1 / Math.sqrt(2 * Math.PI));

/** WGSL expression of act(z). */
function forward(act: Activation): string {
  switch (act) {
    case 'linear':
    case 'softmax':
      return 'z';
    case 'relu':
      return 'select(z, 0.0, z < 0.0)';
    case 'sigmoid':
      return 'select(exp(z) / (1.0 + exp(z)), 1.0 / (1.0 + exp(-z)), z >= 0.0)';
    case 'tanh':
      return 'tanh_(z)';
    case 'elu':
      return 'select(expm1_(z), z, z > 0.0)';
    case 'selu':
      return `select(${SELU_SA} * expm1_(z), ${SELU_S} * z, z > 0.0)`;
    case 'leakyRelu':
      return `select(${LEAKY} * z, z, z > 0.0)`;
    case 'gelu':
      return `0.5 * z * (1.0 + erf_(z * ${INV_SQRT2}))`;
    case 'relu6':
      return 'clamp(z, 0.0, 6.0)';
    case 'softplus':
      return 'max(z, 0.0) + log1p_(exp(-abs(z)))';
  }
}

/** WGSL expression of act'(x) from the pre-activation `x` and the output `y`. */
function derivative(act: Activation): string {
  switch (act) {
    case 'linear':
    case 'softmax':
      return '1.0';
    case 'relu':
      return 'select(0.0, 1.0, y > 0.0)';
    case 'sigmoid':
      return 'y * (1.0 - y)';
    case 'tanh':
      return '1.0 - y * y';
    case 'elu':
      return 'select(y + 1.0, 1.0, y > 0.0)';
    case 'selu':
      return `select(y + ${SELU_SA}, ${SELU_S}, y > 0.0)`;
    case 'leakyRelu':
      return `select(${LEAKY}, 1.0, y > 0.0)`;
    case 'gelu':
      return `0.5 * (1.0 + erf_(x * ${INV_SQRT2})) + x * exp(-0.5 * x * x) * ${INV_SQRT_2PI}`;
    case 'relu6':
      return 'select(0.0, 1.0, y > 0.0 && y < 6.0)';
    case 'softplus':
      return '-expm1_(-y)';
  }
}

/** Every activation in one function, chosen by a uniform (its index in ACTIVATIONS): one pipeline serves them all. */
export const ACT_FUNCTIONS_WGSL = `
${MATH_WGSL}
fn act_forward(a: u32, z: f32) -> f32 {
  switch a {
${ACTIVATIONS.map((act, i) => `    case ${i}u: { return ${forward(act)}; }`).join('\n')}
    default: { return z; }
  }
}
fn act_derivative(a: u32, x: f32, y: f32) -> f32 {
  switch a {
${ACTIVATIONS.map((act, i) => `    case ${i}u: { return ${derivative(act)}; }`).join('\n')}
    default: { return 1.0; }
  }
}`;

/** `writeX`: keep the pre-activation in X (a bias, and Y is not X). */
const BIAS_ACTIVATION_WGSL = (writeX: boolean): string => `
${ACT_FUNCTIONS_WGSL}
${ENTRY_1D}
  if (i >= P.n) { return; }
  var z = X[i];
  if (P.hasBias != 0u) {
    z += BIAS[i % P.cols];
    ${writeX ? 'X[i] = z;' : ''}
  }
  Y[i] = act_forward(P.act, z);
}`;

/** One thread per row: bias, the row's maximum, exponentials and their sum, then the quotient. */
const SOFTMAX_WGSL = (writeX: boolean): string => `
${ENTRY_1D}
  if (i >= P.n) { return; }
  let o = i * P.cols;
  var mx = -3.4028234663852886e38;
  for (var j = 0u; j < P.cols; j++) {
    var z = X[o + j];
    if (P.hasBias != 0u) {
      z += BIAS[j];
      ${writeX ? 'X[o + j] = z;' : ''}
    }
    Y[o + j] = z;
    mx = max(mx, z);
  }
  var s = 0.0;
  for (var j = 0u; j < P.cols; j++) {
    let e = exp(Y[o + j] - mx);
    Y[o + j] = e;
    s += e;
  }
  for (var j = 0u; j < P.cols; j++) { Y[o + j] = Y[o + j] / s; }
}`;

/** `y = act(x + bias)` per element (softmax per row); `x` keeps `x + bias` when `y` is not `x` (see Backend.biasActivation). */
export function biasActivation(ctx: GpuContext, x: FloatArray, bias: FloatArray | null, y: FloatArray, rows: number, cols: number, act: Activation): void {
  const n = rows * cols;
  if (n <= 0) return;
  // X keeps the pre-activation only when a bias changed it and Y is another array; otherwise it is only read.
  const writeX = bias !== null && x !== y;
  const bound = bindArrays(ctx, [
    { name: 'X', array: x, access: writeX ? 'readwrite' : 'read' },
    { name: 'Y', array: y, access: 'write' },
    // Without a bias a one-value scratch array stands in (the shader skips it): one pipeline for both.
    { name: 'BIAS', array: bias ?? ctx.scratch('no bias', 1), access: 'read' },
  ], `biasActivation (${act})`);
  const softmax = act === 'softmax';
  const key = `biasActivation|${+softmax}|${+writeX}|${bound.aliasKey}`;
  const wgsl = cachedSource(key, () => bound.source('struct Params { n: u32, cols: u32, act: u32, hasBias: u32 }', softmax ? SOFTMAX_WGSL(writeX) : BIAS_ACTIVATION_WGSL(writeX)));
  const params = new Params().u32(softmax ? rows : n).u32(cols).u32(ACTIVATIONS.indexOf(act)).u32(bias ? 1 : 0);
  ctx.dispatch(key, wgsl, bound.buffers, params.buffer, grid(softmax ? rows : n));
}

const BACKWARD_WGSL = `
${ACT_FUNCTIONS_WGSL}
${ENTRY_1D}
  if (i >= P.n) { return; }
  let y = Y[i];
  var x = 0.0;
  if (P.hasX != 0u) { x = X[i]; }
  DY[i] = DY[i] * act_derivative(P.act, x, y);
}`;

const SOFTMAX_BACKWARD_WGSL = `
${ENTRY_1D}
  if (i >= P.n) { return; }
  let o = i * P.cols;
  var dot = 0.0;
  for (var j = 0u; j < P.cols; j++) { dot += DY[o + j] * Y[o + j]; }
  for (var j = 0u; j < P.cols; j++) { DY[o + j] = Y[o + j] * (DY[o + j] - dot); }
}`;

/** In place: `dy *= act'(x)`, softmax's row-wise Jacobian product (see Backend.activationBackward). */
export function activationBackward(ctx: GpuContext, dy: FloatArray, x: FloatArray | null, y: FloatArray, rows: number, cols: number, act: Activation): void {
  const n = rows * cols;
  if (n <= 0 || act === 'linear') return;
  const withX = NEEDS_PRE_ACTIVATION.has(act) && x !== null;
  const softmax = act === 'softmax';
  const bound = bindArrays(ctx, [
    { name: 'DY', array: dy, access: 'readwrite' },
    { name: 'Y', array: y, access: 'read' },
    { name: 'X', array: withX ? x! : ctx.scratch('no pre-activation', 1), access: 'read' },
  ], `activationBackward (${act})`);
  const key = `activationBackward|${+softmax}|${bound.aliasKey}`;
  const wgsl = cachedSource(key, () => bound.source('struct Params { n: u32, cols: u32, act: u32, hasX: u32 }', softmax ? SOFTMAX_BACKWARD_WGSL : BACKWARD_WGSL));
  const params = new Params().u32(softmax ? rows : n).u32(cols).u32(ACTIVATIONS.indexOf(act)).u32(withX ? 1 : 0);
  ctx.dispatch(key, wgsl, bound.buffers, params.buffer, grid(softmax ? rows : n));
}
