/** Optimizer updates over elements i0..i1 of a weight, four lanes at a time. */

@inline function adamRange(w: usize, g: usize, m: usize, v: usize, lrT: f32, beta1: f32, beta2: f32, epsilon: f32, o: usize, end: usize): void {
  const b1 = f32x4.splat(beta1), c1 = f32x4.splat(1 - beta1);
  const b2 = f32x4.splat(beta2), c2 = f32x4.splat(1 - beta2);
  const lr = f32x4.splat(lrT), eps = f32x4.splat(epsilon);
  for (; o + 16 <= end; o += 16) {
    const gi = v128.load(g + o);
    const mi = f32x4.add(f32x4.mul(b1, v128.load(m + o)), f32x4.mul(c1, gi));
    const vi = f32x4.add(f32x4.mul(b2, v128.load(v + o)), f32x4.mul(c2, f32x4.mul(gi, gi)));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    v128.store(w + o, f32x4.sub(v128.load(w + o), f32x4.div(f32x4.mul(lr, mi), f32x4.add(f32x4.sqrt(vi), eps))));
  }
  for (; o < end; o += 4) {
    const gi = load<f32>(g + o);
    const mi = beta1 * load<f32>(m + o) + (1 - beta1) * gi;
    const vi = beta2 * load<f32>(v + o) + (1 - beta2) * gi * gi;
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    store<f32>(w + o, load<f32>(w + o) - (lrT * mi) / (Mathf.sqrt(vi) + epsilon));
  }
}

/** Adam ("epsilon hat" form) over elements i0..i1: see Backend.adamUpdate. */
export function adamUpdate(i0: i32, i1: i32, scratch: usize, w: usize, g: usize, m: usize, v: usize, lrT: f32, beta1: f32, beta2: f32, epsilon: f32): void {
  adamRange(w, g, m, v, lrT, beta1, beta2, epsilon, <usize>i0 << 2, <usize>i1 << 2);
}

@inline function sgdRange(w: usize, g: usize, vel: usize, lr: f32, momentum: f32, nesterov: bool, o: usize, end: usize): void {
  const vlr = f32x4.splat(lr), vm = f32x4.splat(momentum);
  if (momentum == 0) {
    for (; o + 16 <= end; o += 16) v128.store(w + o, f32x4.sub(v128.load(w + o), f32x4.mul(vlr, v128.load(g + o))));
    for (; o < end; o += 4) store<f32>(w + o, load<f32>(w + o) - lr * load<f32>(g + o));
    return;
  }
  for (; o + 16 <= end; o += 16) {
    const step = f32x4.mul(vlr, v128.load(g + o));
    const vi = f32x4.sub(f32x4.mul(vm, v128.load(vel + o)), step);
    v128.store(vel + o, vi);
    v128.store(w + o, f32x4.add(v128.load(w + o), nesterov ? f32x4.sub(f32x4.mul(vm, vi), step) : vi));
  }
  for (; o < end; o += 4) {
    const step = lr * load<f32>(g + o);
    const vi = momentum * load<f32>(vel + o) - step;
    store<f32>(vel + o, vi);
    store<f32>(w + o, load<f32>(w + o) + (nesterov ? momentum * vi - step : vi));
  }
}

/** SGD with optional (Nesterov) momentum over elements i0..i1: see Backend.sgdUpdate. */
export function sgdUpdate(i0: i32, i1: i32, scratch: usize, w: usize, g: usize, vel: usize, lr: f32, momentum: f32, nesterov: bool): void {
  sgdRange(w, g, vel, lr, momentum, nesterov, <usize>i0 << 2, <usize>i1 << 2);
}

/**
 * RMSprop (Keras 3's form) over elements i0..i1: see Backend.rmspropUpdate. `avg` (centered)
 * and `mom` (momentum) are 0 when not used.
 */
export function rmspropUpdate(i0: i32, i1: i32, scratch: usize, w: usize, g: usize, v: usize, avg: usize, mom: usize, lr: f32, rho: f32, momentum: f32, epsilon: f32): void {
  let o = <usize>i0 << 2;
  const end = <usize>i1 << 2;
  const vr = f32x4.splat(rho), cr = f32x4.splat(1 - rho), vlr = f32x4.splat(lr), eps = f32x4.splat(epsilon), vm = f32x4.splat(momentum);
  for (; o + 16 <= end; o += 16) {
    const gi = v128.load(g + o);
    const vi = f32x4.add(f32x4.mul(vr, v128.load(v + o)), f32x4.mul(cr, f32x4.mul(gi, gi)));
    v128.store(v + o, vi);
    let d = f32x4.add(vi, eps);
    if (avg) {
      const ai = f32x4.add(f32x4.mul(vr, v128.load(avg + o)), f32x4.mul(cr, gi));
      v128.store(avg + o, ai);
      d = f32x4.add(f32x4.sub(vi, f32x4.mul(ai, ai)), eps);
    }
    let inc = f32x4.div(f32x4.mul(vlr, gi), f32x4.sqrt(d));
    if (mom) {
      inc = f32x4.add(f32x4.mul(vm, v128.load(mom + o)), inc);
      v128.store(mom + o, inc);
    }
    v128.store(w + o, f32x4.sub(v128.load(w + o), inc));
  }
  for (; o < end; o += 4) {
    const gi = load<f32>(g + o);
    const vi = rho * load<f32>(v + o) + (1 - rho) * gi * gi;
    store<f32>(v + o, vi);
    let d = vi + epsilon;
    if (avg) {
      const ai = rho * load<f32>(avg + o) + (1 - rho) * gi;
      store<f32>(avg + o, ai);
      d = vi - ai * ai + epsilon;
    }
    let inc = (lr * gi) / Mathf.sqrt(d);
    if (mom) {
      inc = momentum * load<f32>(mom + o) + inc;
      store<f32>(mom + o, inc);
    }
    store<f32>(w + o, load<f32>(w + o) - inc);
  }
}
