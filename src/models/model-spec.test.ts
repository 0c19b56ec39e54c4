import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelSpecError, buildModel, checkModelSpec } from './model-spec.js';
import { presetSpec } from './presets.js';
import { sequential } from './sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { dropout } from '../noise/dropout.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { clusters } from '../testing/synthetic.js';
import { runCli } from '../testing/run-cli.js';

const SPEC = {
  name: 'from-file',
  layers: [
    { className: 'InputLayer', config: { shape: [12] } },
    { className: 'GaussianNoise', config: { stddev: 0.2 } },
    { className: 'Dense', config: { units: 8, activation: 'tanh', weightNoise: { stddev: 0.01 } } },
    { className: 'Dropout', config: { rate: 0.3 } },
    { className: 'Dense', config: { units: 3, activation: 'softmax' } },
  ],
};

test('a model built from a spec file equals the same model built in code, weights after one seeded epoch included', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-spec-'));
  try {
    const file = join(dir, 'model.json');
    writeFileSync(file, JSON.stringify(SPEC));
    const fromFile = buildModel(checkModelSpec(JSON.parse(readFileSync(file, 'utf8')), file), { backend: createRefBackend() });
    const inCode = sequential(
      [input({ shape: [12] }), gaussianNoise({ stddev: 0.2 }), dense({ units: 8, activation: 'tanh', weightNoise: { stddev: 0.01 } }), dropout({ rate: 0.3 }), dense({ units: 3, activation: 'softmax' })],
      { name: 'from-file', backend: createRefBackend() },
    );
    assert.deepEqual(fromFile.getConfig(), inCode.getConfig());
    const data = clusters(64, 12, 3, 4);
    for (const m of [fromFile, inCode]) m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const [a, b] = [await fromFile.fit(data.x, data.y, { epochs: 1, seed: 9 }), await inCode.fit(data.x, data.y, { epochs: 1, seed: 9 })];
    assert.deepEqual(a.history, b.history);
    assert.deepEqual(fromFile.getWeights().map((w) => Array.from(w.data)), inCode.getWeights().map((w) => Array.from(w.data)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a spec with an unknown layer, an unknown option or a wrong type is refused with the file, the JSON path and the reason', () => {
  const bad = (layer: object, i = 2): object => ({ layers: SPEC.layers.map((l, j) => (j === i ? layer : l)) });
  const cases: [object, string, RegExp][] = [
    [bad({ className: 'Dense2', config: {} }), 'layers[2].className', /unknown layer class 'Dense2'; known: InputLayer, Dense, /],
    [bad({ className: 'Dense', config: { units: 2, activaton: 'relu' } }), 'layers[2].config.activaton', /dense: unknown option 'activaton'; known: units, activation, useBias/],
    [bad({ className: 'Dense', config: { units: '8' } }), 'layers[2].config.units', /dense: units must be an integer >= 1, received "8"/],
    [bad({ className: 'Dense', config: { units: 8, weightNoise: { stddev: -1 } } }), 'layers[2].config.weightNoise.stddev', /must be a number >= 0, received -1/],
    [bad({ className: 'Dense', config: {} }), 'layers[2].config.units', /dense: units must be given/],
    [bad({ className: 'Dropout', config: { rate: 0.5 }, extra: 1 }), 'layers[2].extra', /unknown key/],
    [bad({ className: 'Dense', config: { units: 3 } }, 0), 'layers[0].className', /must be InputLayer/],
    [{ layers: [] }, 'layers', /non-empty list/],
  ];
  for (const [spec, path, reason] of cases) {
    assert.throws(() => checkModelSpec(spec, 'net.json'), (e: Error) => {
      assert.ok(e instanceof ModelSpecError, e.message);
      assert.equal(e.path, path);
      assert.match(e.message, new RegExp(`^net\\.json: ${path.replace(/[[\].]/g, '\\$&')}: `));
      assert.match(e.reason, reason);
      return true;
    });
  }
});

test('a layer that does not fit the shape before it is a ModelSpecError at build time, naming the layer, the shape it got and what it needs', () => {
  const spec = checkModelSpec({ layers: [{ className: 'InputLayer', config: { shape: [2, 3] } }, { className: 'Dense', config: { units: 2 } }] }, 'x.json');
  assert.throws(() => buildModel(spec, {}, 'x.json'), (e: Error) => e instanceof ModelSpecError && e.path === 'layers[1]' && /^x\.json: layers\[1\]: Dense 'dense': expected input of rank 1 \(without batch\), received shape \[2, 3\]; add flatten\(\) before it$/.test(e.message));
  const conv = checkModelSpec({
    layers: [
      { className: 'InputLayer', config: { shape: [28, 28, 1] } },
      { className: 'Conv2D', config: { filters: 8, kernelSize: 3 } },
      { className: 'MaxPooling2D', config: { poolSize: 4 } },
      { className: 'Conv2D', config: { filters: 8, kernelSize: 7 } },
    ],
  }, 'conv.json');
  assert.throws(() => buildModel(conv, {}, 'conv.json'), (e: Error) => e instanceof ModelSpecError && /^conv\.json: layers\[3\]: Conv2D 'conv2d_1': a 7x7 kernel needs images of at least 7x7 pixels with padding 'valid', received shape \[6, 6, 8\]$/.test(e.message));
  const flat = checkModelSpec({ layers: [{ className: 'InputLayer', config: { shape: [784] } }, { className: 'Conv2D', config: { filters: 8, kernelSize: 3 } }] }, 'flat.json');
  assert.throws(() => buildModel(flat, {}, 'flat.json'), /^ModelSpecError: flat\.json: layers\[1\]: Conv2D 'conv2d': expected images \[height, width, channels\] \(rank 3, without batch\), received shape \[784\]/);
});

test('the mlp preset is the article model sized for the data', () => {
  const spec = presetSpec('mlp', { inputShape: [28, 28], classes: 10 });
  assert.deepEqual(spec.layers.map((l) => [l.className, l.config['units'] ?? l.config['shape'], l.config['activation']]), [
    ['InputLayer', [784], undefined],
    ['Dense', 128, 'relu'],
    ['Dense', 64, 'relu'],
    ['Dense', 10, 'softmax'],
  ]);
  assert.throws(() => presetSpec('cnn9', { inputShape: [784], classes: 10 }), /model: preset must be one of mlp/);
});

test('noisenet train --model FILE builds the spec, with the noise specs applied; a bad file is misuse naming the JSON path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-spec-cli-'));
  try {
    const file = join(dir, 'small.json');
    writeFileSync(file, JSON.stringify({ layers: [{ className: 'InputLayer', config: { shape: [784] } }, { className: 'Dense', config: { units: 32, activation: 'relu' } }, { className: 'Dense', config: { units: 10, activation: 'softmax' } }] }));
    const ok = await runCli('train', '--model', file, '--noise', 'dropout:rate=0.2@hidden', '--dataset', 'mnist-mini', '--epochs', '1', '--train-size', '300');
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /dense \(Dense\) +\(None, 32\)/);
    assert.match(ok.out, /dropout \(Dropout\) +\(None, 32\)/);
    // A spec file trains with the noise it declares: the article's default input noise is the mlp's.
    const plain = await runCli('train', '--model', file, '--dataset', 'mnist-mini', '--epochs', '1', '--train-size', '300');
    assert.equal(plain.code, 0, plain.err);
    assert.match(plain.out, /\nNoise: none\n/);
    assert.doesNotMatch(plain.out, /GaussianNoise/);
    const saved = join(dir, 'saved');
    assert.equal((await runCli('train', '--model', file, '--noise-stddev', '0.1', '--dataset', 'mnist-mini', '--epochs', '1', '--train-size', '300', '--quiet', '--out', saved)).code, 0);
    const again = await runCli('train', '--model', join(saved, 'model'), '--noise-stddev', '0', '--dataset', 'mnist-mini', '--epochs', '1', '--train-size', '300');
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /gaussian_noise \(GaussianNoise\)/, "a saved model's topology, noise layers included, is a spec");
    writeFileSync(file, JSON.stringify({ layers: [{ className: 'InputLayer', config: { shape: [784] } }, { className: 'Dense', config: { units: -1 } }] }));
    const badRun = await runCli('train', '--model', file, '--dataset', 'mnist-mini', '--epochs', '1');
    assert.equal(badRun.code, 2);
    assert.equal(badRun.err, `noisenet train: ${file}: layers[1].config.units: dense: units must be an integer >= 1, received -1\n`);
    assert.equal(badRun.out, '');
    const both = await runCli('train', '--model', file, '--hidden', '32');
    assert.equal(both.code, 2);
    assert.match(both.err, /--hidden and --activation shape the mlp preset/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
