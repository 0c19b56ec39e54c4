/**
 * Fused bias + activation and the activation derivatives, four lanes at a time.
 * Activation codes follow the order of ACTIVATIONS in src/kernels/backend.ts.
 *
 * NaN propagates through every activation and derivative, as in the reference kernels: relu is
 * `pmax(z, 0)` = `z < 0 ? 0 : z`, which keeps NaN, not `pmax(0, z)` = `0 < z ? z : 0`, which
 * maps NaN to 0 (`f32x4.max` would keep NaN too but costs several instructions on x64); the
 * compare-select derivatives (relu, leaky relu) put NaN back in the lanes where y is NaN, since
 * every comparison with NaN is false. The rest (exp4, tanh4, erf4, softmax) is arithmetic and
 * f32x4.min/max, which propagate NaN.
 */
import { exp4, log4, tanh4, erf4 } from './vmath';
import { softmaxRow, softmaxBackwardRow } from './softmax';

const LINEAR = 0, RELU = 1, SIGMOID = 2, TANH = 3, SOFTMAX = 4, ELU = 5, SELU = 6, LEAKY = 7, GELU = 8, RELU6 = 9, SOFTPLUS = 10;
const SELU_ALPHA: f32 = 1.6732632423543772;
const SELU_SCALE: f32 = 1.0507009873554805;
const LEAKY_SLOPE: f32 = 0.2;
const INV_SQRT2: f32 = 0.7071067811865476;
const INV_SQRT_2PI: f32 = 0.3989422804014327;

/** relu on four lanes, `z < 0 ? 0 : z`: NaN stays NaN (and -0 stays -0). */
// @ts-ignore: decorator
@inline function relu4(z: v128): v128 {
  return f32x4.pmax(z, f32x4.splat(0));
}

/** `d` in lanes where y is a number, NaN (all bits set) where y is NaN. */
// @ts-ignore: decorator
@inline function keepNaN(d: v128, y: v128): v128 {
  return v128.or(d, f32x4.ne(y, y));
}

/** act(z) on four lanes (softmax and linear are the identity here). */
function forward4(act: i32, z: v128): v128 {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  switch (act) {
    case RELU: return relu4(z);
    case SIGMOID: {
      const e = exp4(f32x4.neg(f32x4.abs(z)));
      const s = f32x4.div(one, f32x4.add(one, e));
      return v128.bitselect(s, f32x4.mul(e, s), f32x4.ge(z, zero));
    }
    case TANH: return tanh4(z);
    case ELU: return v128.bitselect(z, f32x4.sub(exp4(z), one), f32x4.gt(z, zero));
    case SELU: {
      const neg = f32x4.mul(f32x4.sub(exp4(z), one), f32x4.splat(SELU_ALPHA));
      return f32x4.mul(v128.bitselect(z, neg, f32x4.gt(z, zero)), f32x4.splat(SELU_SCALE));
    }
    case LEAKY: return v128.bitselect(z, f32x4.mul(z, f32x4.splat(LEAKY_SLOPE)), f32x4.gt(z, zero));
    case GELU: return f32x4.mul(f32x4.mul(z, f32x4.splat(0.5)), f32x4.add(one, erf4(f32x4.mul(z, f32x4.splat(INV_SQRT2)))));
    // pmin(r, 6) = 6 < r ? 6 : r keeps NaN, as relu4 does.
    case RELU6: return f32x4.pmin(relu4(z), f32x4.splat(6));
    // max(z, 0) + log(1 + e^-|z|): no overflow for large z.
    case SOFTPLUS: return f32x4.add(relu4(z), log4(f32x4.add(one, exp4(f32x4.neg(f32x4.abs(z))))));
    default: return z;
  }
}

/** act'(x) on four lanes from the pre-activation x and the output y. */
function derivative4(act: i32, x: v128, y: v128): v128 {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  const pos = f32x4.gt(y, zero);
  switch (act) {
    case RELU: return keepNaN(v128.and(pos, one), y);
    case SIGMOID: return f32x4.mul(y, f32x4.sub(one, y));
    case TANH: return f32x4.sub(one, f32x4.mul(y, y));
    case ELU: return v128.bitselect(one, f32x4.add(y, one), pos);
    case SELU: return v128.bitselect(f32x4.splat(SELU_SCALE), f32x4.add(y, f32x4.splat(SELU_SCALE * SELU_ALPHA)), pos);
    case LEAKY: return keepNaN(v128.bitselect(one, f32x4.splat(LEAKY_SLOPE), pos), y);
    case GELU: {
      const cdf = f32x4.mul(f32x4.splat(0.5), f32x4.add(one, erf4(f32x4.mul(x, f32x4.splat(INV_SQRT2)))));
      const pdf = f32x4.mul(exp4(f32x4.mul(f32x4.mul(x, x), f32x4.splat(-0.5))), f32x4.splat(INV_SQRT_2PI));
      return f32x4.add(cdf, f32x4.mul(x, pdf));
    }
    case RELU6: return keepNaN(v128.and(v128.and(pos, f32x4.lt(y, f32x4.splat(6))), one), y);
    // sigmoid(x) = 1 - e^-y.
    case SOFTPLUS: return f32x4.sub(one, exp4(f32x4.neg(y)));
    default: return one;
  }
}

/**
 * Rows r0..r1 of `y = act(x + bias)` (x, y: rows x cols; bias: cols floats or 0 for none).
 * When y is not x, x is left holding `x + bias`. Softmax is taken per row.
 */
export function biasActivation(r0: i32, r1: i32, scratch: usize, x: usize, bias: usize, y: usize, cols: i32, act: i32): void {
  const row4 = <usize>cols << 2;
  const c4 = cols & ~3;
  const inPlace = x == y;
  for (let r = r0; r < r1; r++) {
    const xr = x + <usize>r * row4;
    const yr = y + <usize>r * row4;
    let j = 0;
    if (act == RELU || act == LINEAR || act == SOFTMAX) {
      // The common cases without a call per vector.
      const relu = act == RELU;
      for (; j < c4; j += 4) {
        const o = <usize>j << 2;
        let z = v128.load(xr + o);
        if (bias) z = f32x4.add(z, v128.load(bias + o));
        if (!inPlace) v128.store(xr + o, z);
        v128.store(yr + o, relu ? relu4(z) : z);
      }
    }
    for (; j < c4; j += 4) {
      const o = <usize>j << 2;
      let z = v128.load(xr + o);
      if (bias) z = f32x4.add(z, v128.load(bias + o));
      if (!inPlace) v128.store(xr + o, z);
      v128.store(yr + o, forward4(act, z));
    }
    for (; j < cols; j++) {
      const o = <usize>j << 2;
      let z = load<f32>(xr + o);
      if (bias) z += load<f32>(bias + o);
      if (!inPlace) store<f32>(xr + o, z);
      store<f32>(yr + o, act == SOFTMAX ? z : f32x4.extract_lane(forward4(act, f32x4.splat(z)), 0));
    }
    if (act == SOFTMAX) softmaxRow(yr, cols);
  }
}

/**
 * Rows r0..r1 of `dy *= act'(x)` in place, from the pre-activation x (0 when not needed)
 * and the output y; softmax uses the row-wise Jacobian product.
 */
export function activationBackward(r0: i32, r1: i32, scratch: usize, dy: usize, x: usize, y: usize, cols: i32, act: i32): void {
  if (act == LINEAR) return;
  const row4 = <usize>cols << 2;
  if (act == SOFTMAX) {
    for (let r = r0; r < r1; r++) softmaxBackwardRow(dy + <usize>r * row4, y + <usize>r * row4, cols);
    return;
  }
  const start = <usize>r0 * row4;
  const end = <usize>r1 * row4;
  const end16 = start + ((end - start) & ~15);
  let o = start;
  const xs = x ? x : y;
  if (act == RELU) {
    const zero = f32x4.splat(0), one = f32x4.splat(1);
    for (; o < end16; o += 16) {
      const yv = v128.load(y + o);
      v128.store(dy + o, f32x4.mul(v128.load(dy + o), keepNaN(v128.and(f32x4.gt(yv, zero), one), yv)));
    }
  }
  for (; o < end16; o += 16) {
    v128.store(dy + o, f32x4.mul(v128.load(dy + o), derivative4(act, v128.load(xs + o), v128.load(y + o))));
  }
  for (; o < end; o += 4) {
    const d = derivative4(act, f32x4.splat(load<f32>(xs + o)), f32x4.splat(load<f32>(y + o)));
    store<f32>(dy + o, load<f32>(dy + o) * f32x4.extract_lane(d, 0));
  }
}
