/**
 * The bench's models in TensorFlow.js (Keras' layers API): the article's MLP and Keras' convnet,
 * as scripts/bench/jax-train.mjs builds them, Adam (lr 0.001), sparse categorical cross-entropy.
 * `trainTfjs(tf, { model, images, labels, batches, warmup })` fits `warmup` untimed batches, then
 * `batches` timed ones (one `fit` epoch over them, batch 32, no shuffle), and returns the seconds
 * and the last loss.
 */

function build(tf, model) {
  const m = tf.sequential();
  if (model === 'mlp') {
    m.add(tf.layers.gaussianNoise({ stddev: 0.1, inputShape: [784] }));
    m.add(tf.layers.dense({ units: 128, activation: 'relu' }));
    m.add(tf.layers.dense({ units: 64, activation: 'relu' }));
  } else {
    m.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }));
    m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    m.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
    m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    m.add(tf.layers.flatten());
    m.add(tf.layers.dropout({ rate: 0.5 }));
  }
  m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  m.compile({ optimizer: tf.train.adam(0.001), loss: 'sparseCategoricalCrossentropy' });
  return m;
}

export async function trainTfjs(tf, { model, images, labels, batches, warmup = 2, batchSize = 32, now = () => performance.now() }) {
  const m = build(tf, model);
  const shape = model === 'mlp' ? [784] : [28, 28, 1];
  const tensors = (from, n) => [tf.tensor(images.subarray(from * 784, (from + n) * 784), [n, ...shape]), tf.tensor1d(Float32Array.from(labels.subarray(from, from + n)))];
  const [wx, wy] = tensors(0, warmup * batchSize);
  await m.fit(wx, wy, { epochs: 1, batchSize, shuffle: false, verbose: 0 });
  const [x, y] = tensors(warmup * batchSize, batches * batchSize);
  const t0 = now();
  const h = await m.fit(x, y, { epochs: 1, batchSize, shuffle: false, verbose: 0 });
  const seconds = (now() - t0) / 1000;
  tf.dispose([wx, wy, x, y]);
  m.dispose();
  return { seconds, loss: h.history.loss[0] };
}
