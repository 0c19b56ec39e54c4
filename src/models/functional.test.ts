import { test } from 'node:test';
import assert from 'node:assert/strict';
import { model } from './functional.js';
import { sequential } from './sequential.js';
import { ModelSpecError, buildModel, checkModelSpec } from './model-spec.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { add, average, multiply } from '../layers/merge.js';
import { concatenate } from '../layers/concatenate.js';
import { dropout } from '../noise/dropout.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { backend64, maxRelativeError, numericGradient } from '../testing/gradcheck.js';
import { clusters } from '../testing/synthetic.js';
import type { Optimizer } from '../parts/optimizer.js';
import { Xoshiro128 } from '../random/xoshiro.js';

/** input -> dense a -> dense b; add(b, a) -> concatenate(with a) -> dense out: fan-out, add, concatenate. */
function residual(backend = createRefBackend()) {
  const x = input({ shape: [6], name: 'x' });
  const a = dense({ units: 5, activation: 'tanh', name: 'a' }).apply(x);
  const n = gaussianNoise({ stddev: 0.1, name: 'noise' }).apply(a);
  const b = dense({ units: 5, activation: 'tanh', name: 'b' }).apply(n);
  const sum = add({ name: 'sum' }).apply([b, a]);
  const cat = concatenate({ name: 'cat' }).apply([sum, a]);
  const out = dense({ units: 3, activation: 'softmax', name: 'out' }).apply(cat);
  return model({ inputs: x, outputs: out, name: 'res', backend });
}

const RESIDUAL_SPEC = {
  name: 'res',
  layers: [
    { className: 'InputLayer', config: { shape: [6], name: 'x' } },
    { className: 'Dense', config: { units: 5, activation: 'tanh', name: 'a' } },
    { className: 'GaussianNoise', config: { stddev: 0.1, name: 'noise' } },
    { className: 'Dense', config: { units: 5, activation: 'tanh', name: 'b' } },
    { className: 'Add', config: { name: 'sum' }, inputs: ['b', 'a'] },
    { className: 'Concatenate', config: { name: 'cat' }, inputs: ['sum', 'a'] },
    { className: 'Dense', config: { units: 3, activation: 'softmax', name: 'out' } },
  ],
};

test('a functional model built in code equals the same graph from a spec: config, summary and the history of a seeded epoch', async () => {
  const inCode = residual();
  const fromSpec = buildModel(checkModelSpec(JSON.parse(JSON.stringify(RESIDUAL_SPEC)), 'res.json'), { backend: createRefBackend() }, 'res.json');
  assert.deepEqual(fromSpec.getConfig(), inCode.getConfig());
  assert.deepEqual(inCode.getConfig().layers.map((l) => l.inputs), [undefined, ['x'], ['a'], ['noise'], ['b', 'a'], ['sum', 'a'], ['cat']]);
  const data = clusters(64, 6, 3, 4);
  for (const m of [inCode, fromSpec]) m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const [h1, h2] = [await inCode.fit(data.x, data.y, { epochs: 2, seed: 3, batchSize: 16 }), await fromSpec.fit(data.x, data.y, { epochs: 2, seed: 3, batchSize: 16 })];
  assert.deepEqual(h1.history, h2.history);
  assert.ok(h1.history['loss']![1]! < h1.history['loss']![0]!, 'training lowers the loss');
  const summary = inCode.summary();
  assert.match(summary, /Connected to/);
  assert.match(summary, / sum \(Add\) +\(None, 5\) +0 +b\[0\]\[0\], a\[0\]\[0\]/);
  assert.match(summary, / x \(InputLayer\) +\(None, 6\) +0 +-/);
});

test('a stack built with the functional API trains exactly as the same sequential model', async () => {
  const x = input({ shape: [6] });
  const h = dense({ units: 8, activation: 'relu' }).apply(x);
  const d = dropout({ rate: 0.3 }).apply(h);
  const out = dense({ units: 3, activation: 'softmax' }).apply(d);
  const graph = model({ inputs: x, outputs: out, backend: createRefBackend() });
  const stack = sequential([input({ shape: [6] }), dense({ units: 8, activation: 'relu' }), dropout({ rate: 0.3 }), dense({ units: 3, activation: 'softmax' })], { backend: createRefBackend() });
  const data = clusters(48, 6, 3, 2);
  for (const m of [graph, stack]) m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const [a, b] = [await graph.fit(data.x, data.y, { epochs: 2, seed: 5, batchSize: 8 }), await stack.fit(data.x, data.y, { epochs: 2, seed: 5, batchSize: 8 })];
  assert.deepEqual(a.history, b.history);
  assert.deepEqual(graph.getWeights().map((w) => Array.from(w.data)), stack.getWeights().map((w) => Array.from(w.data)));
  assert.equal(graph.isGraph, true);
  assert.equal(stack.isGraph, false);
});

test('gradients through fan-out, add, concatenate, multiply and average match float64 finite differences', () => {
  const backend = backend64();
  const x = input({ shape: [4] });
  const a = dense({ units: 3, activation: 'tanh' }).apply(x);
  const b = dense({ units: 3, activation: 'sigmoid' }).apply(x);
  const s = add().apply([a, b, a]);
  const p = multiply().apply([s, b]);
  const m = average().apply([p, a]);
  const c = concatenate().apply([m, s, x]);
  const out = dense({ units: 2 }).apply(c);
  const net = model({ inputs: x, outputs: out, backend });
  net.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  net.initializeWeights(7);
  const batch = 3;
  const engine = net.engine();
  const rng = new Xoshiro128(11);
  const xs = backend.alloc(batch * 4);
  for (let i = 0; i < xs.length; i++) xs[i] = 2 * rng.uniform() - 1;
  const ys = backend.alloc(batch * 2);
  for (let i = 0; i < ys.length; i++) ys[i] = rng.uniform();
  const targets = { kind: 'dense' as const, values: ys };
  const ctx = { training: true, step: 0, epoch: 0 };
  const lossOf = (): number => engine.score(engine.forwardFrom(xs, batch, ctx), targets, batch, false).loss;
  const r = engine.score(engine.forwardFrom(xs, batch, ctx), targets, batch, true);
  engine.backwardAndUpdate(r.grad!, batch, { apply: () => {} } as unknown as Optimizer); // gradients only, weights kept
  for (const param of net.params()) {
    const analytic = Float64Array.from(param.grad);
    const numeric = numericGradient(lossOf, param.value).map((g) => g / batch);
    assert.ok(maxRelativeError(analytic, numeric) < 1e-6, `${param.name}: ${maxRelativeError(analytic, numeric)}`);
  }
});

test('a graph that is not a model is refused, naming the layers: cycle, unused input, unreachable output, shapes that differ, a name used twice', () => {
  const x = input({ shape: [4], name: 'x' });
  const x2 = input({ shape: [4], name: 'x2' });
  const a = dense({ units: 3, name: 'a' }).apply(x);
  assert.throws(() => model({ inputs: [x, x2], outputs: a }), /input 'x2' is not used by any output/);
  assert.throws(() => model({ inputs: x2, outputs: a }), /output 'a' depends on input 'x', which is not among the model's inputs/);
  const loose = dense({ units: 3, name: 'loose' });
  const fromLoose = dense({ units: 3, name: 'after' }).apply(loose);
  assert.throws(() => model({ inputs: x, outputs: fromLoose }), /output 'after' is not reachable from the inputs: layer 'loose' was never applied/);
  const p = dense({ units: 3, name: 'p' });
  const q = dense({ units: 3, name: 'q' }).apply(p);
  p.apply(q);
  assert.throws(() => model({ inputs: x, outputs: q }), /a cycle: 'q' -> 'p' -> 'q'/);
  const wide = dense({ units: 5, name: 'wide' }).apply(x);
  const bad = add({ name: 'join' }).apply([a, wide]);
  assert.throws(() => model({ inputs: x, outputs: bad }).build(), /Add 'join': inputs of different shapes: 'a' gives \[3\], 'wide' gives \[5\]/);
  const y = input({ shape: [4] });
  const twice = dense({ units: 2, name: 'same' }).apply(dense({ units: 2, name: 'same' }).apply(y));
  assert.throws(() => model({ inputs: y, outputs: twice }), /model 'model': layer name must be unique, received "same"/);
  assert.throws(() => a.apply(x), /Dense 'a' is already applied \(to 'x'\)/);
  assert.throws(() => add().apply(a), /expected a list of at least 2 nodes/);
});

test('a graph spec naming a missing layer, a name twice, a cycle or two outputs is a ModelSpecError with the JSON path', () => {
  const layers = RESIDUAL_SPEC.layers;
  const cases: [object[], string, RegExp][] = [
    [layers.map((l, i) => (i === 4 ? { ...l, inputs: ['b', 'nope'] } : l)), 'layers[4].inputs[1]', /no layer is named 'nope'/],
    [layers.map((l, i) => (i === 3 ? { ...l, config: { ...l.config, name: 'a' } } : l)), 'layers[3].config.name', /the name 'a' is used twice \(layers\[1\] and layers\[3\]\)/],
    [layers.map((l, i) => (i === 1 ? { ...l, inputs: ['sum'] } : l)), 'layers[1].inputs', /a cycle: layers 'a', 'noise', 'b', 'sum', 'cat', 'out' read one another/],
    [layers.map((l, i) => (i === 5 ? { ...l, inputs: ['a', 'a'] } : l)), 'layers', /layers 'sum', 'out' are read by no layer; a model has one output/],
    [[...layers, { className: 'InputLayer', config: { shape: [6], name: 'x2' } }], 'layers[7]', /a second input 'x2', not used by any layer/],
  ];
  for (const [list, path, reason] of cases) {
    assert.throws(() => checkModelSpec({ layers: list }, 'g.json'), (e: Error) => {
      assert.ok(e instanceof ModelSpecError, e.message);
      assert.equal(e.path, path);
      assert.match(e.reason, reason);
      return true;
    });
  }
  const shapes = checkModelSpec({ layers: layers.map((l, i) => (i === 4 ? { ...l, inputs: ['b', 'x'] } : l)) }, 'g.json');
  assert.throws(() => buildModel(shapes, {}, 'g.json'), (e: Error) => e instanceof ModelSpecError && e.path === 'layers[4]' && /Add 'sum': inputs of different shapes: 'b' gives \[5\], 'x' gives \[6\]/.test(e.message));
});
