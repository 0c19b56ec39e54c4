import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmsprop } from './rmsprop.js';
import { adamw } from './adamw.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { optimizerFromConfig } from '../registry/lookup.js';
import type { Optimizer } from '../parts/optimizer.js';
import type { Param } from '../parts/layer.js';
import { trainingFromTfjs } from '../io/tfjs-training.js';

type Tf = any;
const tfjs: Tf | null = await import('@tensorflow/tfjs' as string).catch(() => null);

const W0 = [0.5, -1.25, 2, 0.01, -0.3];
const GRADS = [[0.1, -0.2, 0.3, 0.05, -1], [-0.4, 0.1, 0.2, 0.5, 0.3], [0.2, 0.2, -0.1, -0.05, 0.7]];

/** The weights after applying GRADS in turn with `optimizer` (float32 reference backend). */
function steps(optimizer: Optimizer): number[] {
  const b = createRefBackend('float32');
  const p: Param = { name: 'w', shape: [W0.length], value: Float32Array.from(W0), grad: b.alloc(W0.length) };
  for (const g of GRADS) {
    p.grad.set(g);
    optimizer.apply([p], b);
  }
  return Array.from(p.value);
}

const close = (a: number[], b: ArrayLike<number>, tol: number, what: string): void => a.forEach((v, i) => assert.ok(Math.abs(v - b[i]!) <= tol, `${what}[${i}]: ${v} vs ${b[i]}`));

test('RMSprop, plain, centered and with momentum, steps as TF.js RMSProp does (centered: with epsilon 0, see below)', { skip: tfjs ? false : '@tensorflow/tfjs not installed' }, async () => {
  const tf = tfjs as Tf;
  await tf.setBackend('cpu');
  // Centered, TF.js takes sqrt(v - avg^2 - eps) where Keras 3 (and noisenet) take sqrt(v - avg^2 + eps):
  // with epsilon 0 the two agree.
  for (const [momentum, centered, epsilon] of [[0, false, 1e-7], [0.9, false, 1e-7], [0, true, 0], [0.5, true, 0]] as const) {
    const theirs = tf.train.rmsprop(0.01, 0.8, momentum, epsilon, centered);
    const w = tf.variable(tf.tensor1d(W0));
    for (const g of GRADS) theirs.applyGradients({ [w.name]: tf.tensor1d(g) });
    close(steps(rmsprop({ learningRate: 0.01, rho: 0.8, momentum, centered, epsilon })), w.dataSync(), 1e-6, `momentum ${momentum} centered ${centered}`);
  }
});

test('AdamW decays every weight by lr * weightDecay before the Adam step, as Keras 3 writes it', () => {
  const lr = 0.01, wd = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-7;
  const w = [...W0];
  const m = W0.map(() => 0);
  const v = W0.map(() => 0);
  GRADS.forEach((g, t) => {
    const lrT = (lr * Math.sqrt(1 - b2 ** (t + 1))) / (1 - b1 ** (t + 1));
    for (let i = 0; i < w.length; i++) {
      w[i] = Math.fround(w[i]! * (1 - lr * wd));
      m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * g[i]! ** 2;
      w[i] = w[i]! - (lrT * m[i]!) / (Math.sqrt(v[i]!) + eps);
    }
  });
  close(steps(adamw({ learningRate: lr, weightDecay: wd })), w, 1e-6, 'adamw');
  assert.deepEqual(adamw().getConfig(), { learningRate: 0.001, weightDecay: 0.004, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, "Keras' defaults");
  assert.deepEqual(rmsprop().getConfig(), { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false }, "Keras' defaults");
  // State round trip: slots per weight follow the options.
  const o = rmsprop({ momentum: 0.5, centered: true });
  steps(o);
  assert.equal(o.getWeights().length, 1 + 3);
  assert.deepEqual(optimizerFromConfig('RMSprop', o.getConfig()).getConfig(), o.getConfig());
});

test('TF.js trainingConfig: RMSProp and Momentum keep their settings; what is dropped is named', () => {
  const known = (l: string): boolean => l === 'sparseCategoricalCrossentropy';
  const rms = trainingFromTfjs({ loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy', 'mse'], optimizer_config: { class_name: 'RMSProp', config: { learningRate: 0.01, decay: 0.8, momentum: 0.5, epsilon: 1e-6, centered: true } } }, known);
  assert.deepEqual(rms.training?.optimizer, { className: 'RMSprop', config: { learningRate: 0.01, rho: 0.8, momentum: 0.5, epsilon: 1e-6, centered: true } });
  assert.deepEqual(rms.notes, ['its metrics "mse" are not kept (noisenet has accuracy)']);
  const mom = trainingFromTfjs({ loss: 'sparseCategoricalCrossentropy', optimizer_config: { class_name: 'Momentum', config: { learningRate: 0.1, momentum: 0.9, useNesterov: true } } }, known);
  assert.deepEqual(mom.training?.optimizer, { className: 'SGD', config: { learningRate: 0.1, momentum: 0.9, nesterov: true } });
  const ada = trainingFromTfjs({ loss: 'sparseCategoricalCrossentropy', optimizer_config: { class_name: 'Adagrad', config: {} } }, known);
  assert.equal(ada.training, null);
  assert.deepEqual(ada.notes, ['its TF.js optimizer Adagrad has no noisenet equivalent (noisenet has Adam, SGD, Momentum as SGD, RMSProp, AdamW); the model loads uncompiled']);
  for (const t of [rms, mom]) assert.doesNotThrow(() => optimizerFromConfig(t.training!.optimizer.className, t.training!.optimizer.config));
});
