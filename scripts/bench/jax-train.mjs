/**
 * The bench's models in jax-js (npm @jax-js/jax): the article's MLP (GaussianNoise 0.1 -> Dense
 * 128 relu -> Dense 64 relu -> Dense 10 softmax) and Keras' convnet (Conv 32 3x3 relu, max pool
 * 2, Conv 64 3x3 relu, max pool 2, flatten, dropout 0.5, Dense 10 softmax), sparse categorical
 * cross-entropy, Adam (lr 0.001, 0.9, 0.999, 1e-7, written out: no optax package here) in one
 * jit-compiled step (forward, gradient, update). Glorot-uniform weights, zero biases.
 * `trainJax(jax, { model, images, labels, batches, warmup })` trains `warmup` untimed batches,
 * then `batches` timed ones, and returns the seconds and the last loss. Runs in Node (wasm device)
 * and, bundled, in the browser bench page (webgpu device).
 */

const LR = 0.001;
const B1 = 0.9;
const B2 = 0.999;
const EPS = 1e-7;

/** Glorot-uniform weights of `shape` with fan-in and fan-out given. */
function glorot(jax, key, shape, fanIn, fanOut) {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return jax.random.uniform(key, shape, { minval: -limit, maxval: limit });
}

function initParams(jax, model, seed) {
  const np = jax.numpy;
  const keys = jax.random.split(jax.random.key(seed), 4);
  const k = (i) => keys.ref.slice(i);
  let params;
  if (model === 'mlp') {
    params = {
      w1: glorot(jax, k(0), [784, 128], 784, 128), b1: np.zeros([128]),
      w2: glorot(jax, k(1), [128, 64], 128, 64), b2: np.zeros([64]),
      w3: glorot(jax, k(2), [64, 10], 64, 10), b3: np.zeros([10]),
    };
  } else {
    // Kernels [out, in, kh, kw] (lax.conv's layout), images [batch, channels, height, width].
    params = {
      c1: glorot(jax, k(0), [32, 1, 3, 3], 9, 9 * 32), cb1: np.zeros([32, 1, 1]),
      c2: glorot(jax, k(1), [64, 32, 3, 3], 9 * 32, 9 * 64), cb2: np.zeros([64, 1, 1]),
      w: glorot(jax, k(2), [1600, 10], 1600, 10), b: np.zeros([10]),
    };
  }
  keys.dispose();
  return params;
}

/** 2x2 max pooling of [n, c, h, w] (odd sizes lose their last row and column, as Keras' 'valid'). */
function maxPool(x, n, c, h, w) {
  const [ho, wo] = [Math.floor(h / 2), Math.floor(w / 2)];
  const even = h % 2 === 0 && w % 2 === 0 ? x : x.slice([], [], [0, 2 * ho], [0, 2 * wo]);
  return even.reshape([n, c, ho, 2, wo, 2]).max([3, 5]);
}

function logits(jax, model, p, x, key, n) {
  const { numpy: np, nn, lax, random } = jax;
  const keys = random.split(key, 2);
  if (model === 'mlp') {
    const noisy = x.add(random.normal(keys.ref.slice(0), [n, 784]).mul(0.1));
    keys.dispose();
    const h1 = nn.relu(np.matmul(noisy, p.w1).add(p.b1));
    const h2 = nn.relu(np.matmul(h1, p.w2).add(p.b2));
    return np.matmul(h2, p.w3).add(p.b3);
  }
  const images = x.reshape([n, 1, 28, 28]);
  const a1 = nn.relu(lax.conv(images, p.c1, [1, 1], 'VALID').add(p.cb1));
  const p1 = maxPool(a1, n, 32, 26, 26);
  const a2 = nn.relu(lax.conv(p1, p.c2, [1, 1], 'VALID').add(p.cb2));
  const p2 = maxPool(a2, n, 64, 11, 11).reshape([n, 1600]);
  // Dropout 0.5, inverted: kept units scaled by 2.
  const keep = random.bernoulli(keys.ref.slice(1), 0.5, [n, 1600]);
  keys.dispose();
  const dropped = np.where(keep, p2.mul(2), 0);
  return np.matmul(dropped, p.w).add(p.b);
}

/**
 * Trains `warmup` then `batches` batches of `batchSize` (taken in order from the images, a float
 * array of count x 784 in [0, 1], and the int labels). Returns { seconds, loss }.
 */
export async function trainJax(jax, { model, images, labels, batches, warmup = 2, batchSize = 32, seed = 1, now = () => performance.now() }) {
  const { numpy: np, nn, tree } = jax;
  const lossOf = (p, x, y, key) => {
    const out = logits(jax, model, p, x, key, batchSize);
    return nn.logSoftmax(out).mul(nn.oneHot(y, 10)).sum(-1).mean().neg();
  };
  const step = jax.jit((p, m, v, x, y, key, lrt) => {
    const [loss, g] = jax.valueAndGrad(lossOf)(tree.ref(p), x, y, key);
    const m2 = tree.map((mi, gi) => mi.mul(B1).add(gi.mul(1 - B1)), m, tree.ref(g));
    const v2 = tree.map((vi, gi) => vi.mul(B2).add(gi.ref.mul(gi).mul(1 - B2)), v, g);
    const p2 = tree.map((pi, mi, vi) => pi.sub(mi.mul(lrt.ref).div(np.sqrt(vi).add(EPS))), p, tree.ref(m2), tree.ref(v2));
    lrt.dispose();
    return [p2, m2, v2, loss];
  });
  let params = initParams(jax, model, seed);
  let m = tree.map((a) => np.zerosLike(a.ref), params);
  let v = tree.map((a) => np.zerosLike(a.ref), params);
  let key = jax.random.key(seed + 1);
  const count = labels.length;
  let t = 0;
  let loss = null;
  const run = (k) => {
    const start = ((t % Math.floor(count / batchSize)) * batchSize);
    t++;
    const x = np.array(images.subarray(start * 784, (start + batchSize) * 784)).reshape([batchSize, 784]);
    const y = np.array(Int32Array.from(labels.subarray(start, start + batchSize)), { dtype: np.int32 });
    const keys = jax.random.split(key, 2);
    key = keys.ref.slice(0);
    const stepKey = keys.slice(1);
    // Adam's bias corrections folded into the step size (the epsilon is not rescaled: a 1e-7 difference).
    const lrt = np.array(LR * Math.sqrt(1 - B2 ** t) / (1 - B1 ** t));
    loss?.dispose();
    [params, m, v, loss] = step(params, m, v, x, y, stepKey, lrt);
    void k;
  };
  for (let i = 0; i < warmup; i++) run(i);
  await jax.blockUntilReady(loss.ref);
  const t0 = now();
  for (let i = 0; i < batches; i++) run(i);
  const last = (await loss.data())[0];
  const seconds = (now() - t0) / 1000;
  tree.dispose([params, m, v]);
  key.dispose();
  step.dispose?.();
  return { seconds, loss: last };
}
