/** `noisenet train --noise SPEC`: misuse before any data loading, every example learns, saved models keep their noise. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TECHNIQUES } from '../techniques/index.js';
import { finalValAccuracy, runCli } from '../testing/run-cli.js';

const SHORT = ['--dataset', 'mnist-mini', '--epochs', '1', '--train-size', '2000', '--quiet'];

test('a bad spec is misuse: exit 2, one line naming the spec, before any data is loaded', async () => {
  // --data-dir that does not exist: reaching the data would fail with exit 1 instead.
  const cases: [string[], string][] = [
    [['--noise', 'foo:x=1'], "noise spec 'foo:x=1': unknown technique 'foo'; known: gaussian, gaussian-dropout, dropout, spatial-dropout, dropblock, drop-path, shake-shake, shakedrop, alpha-dropout, masking, salt-pepper, uniform, weight, dropconnect, l2, gradient, label-smoothing, disturb-label, mixup, cutout, cutmix, random-erasing, affine, elastic, rand-augment, trivial-augment, augmix, adversarial"],
    [['--noise', 'dropout:rate=1.5'], "noise spec 'dropout:rate=1.5': rate must be a number >= 0 and < 1, received 1.5"],
    [['--noise', 'dropout:p=0.5'], "noise spec 'dropout:p=0.5': unknown parameter 'p' for dropout; known: rate, schedule, per, stages"],
    [['--noise', 'dropout@3'], "noise spec 'dropout@3': @3 is past the last of 2 hidden layers"],
    [['--noise', 'dropout@hidden', '--hidden', 'none'], "noise spec 'dropout@hidden': the model has no hidden layers"],
    [['--noise', 'mixup@hidden'], "noise spec 'mixup@hidden': mixup is not placed in the layer stack; remove '@hidden'"],
    [['--noise', 'gradient', '--noise', 'gradient:eta=1'], "noise spec 'gradient:eta=1': annealed gradient noise is given twice"],
    [['--noise', 'gaussian:stddev=0.3->0,schedule=wavy'], "noise spec 'gaussian:stddev=0.3->0,schedule=wavy': stddev schedule must be one of 'linear', 'cosine', 'exponential', 'step', received \"wavy\""],
  ];
  for (const [args, message] of cases) {
    const r = await runCli('train', '--dataset', 'mnist', '--data-dir', '/nonexistent-noisenet-dir', ...args);
    assert.deepEqual([r.code, r.err, r.out], [2, `noisenet train: ${message}; see noisenet techniques\n`, ''], args.join(' '));
  }
});

test('every documented spec trains one short epoch on mnist-mini and learns', async () => {
  const examples = [...TECHNIQUES.map((t) => t.example), 'dropout:rate=0.2@1', 'gaussian:stddev=0.3->0,schedule=cosine,per=step'];
  // Noise on feature maps needs conv layers: a small convnet given as a spec file.
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-noise-conv-'));
  const conv = join(dir, 'conv.json');
  await writeFile(conv, JSON.stringify({ layers: [
    { className: 'InputLayer', config: { shape: [28, 28, 1] } },
    { className: 'Conv2D', config: { filters: 8, kernelSize: 3, strides: 2, activation: 'relu' } },
    { className: 'Conv2D', config: { filters: 8, kernelSize: 3, activation: 'relu' } },
    { className: 'Flatten', config: {} },
    { className: 'Dense', config: { units: 10, activation: 'softmax' } },
  ] }));
  const featureMaps = new Set(TECHNIQUES.filter((t) => t.definition.featureMaps).map((t) => t.example));
  // Noise on residual branches needs them: a small residual convnet as a spec file.
  const residual = join(dir, 'residual.json');
  await writeFile(residual, JSON.stringify({ layers: [
    { className: 'InputLayer', config: { shape: [28, 28, 1], name: 'image' } },
    { className: 'Conv2D', config: { filters: 8, kernelSize: 3, strides: 2, activation: 'relu', name: 'stem' } },
    { className: 'Conv2D', config: { filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', name: 'c1' } },
    { className: 'Conv2D', config: { filters: 8, kernelSize: 3, padding: 'same', name: 'c2' } },
    { className: 'Add', config: { name: 'add' }, inputs: ['c2', 'stem'] },
    { className: 'ReLU', config: { name: 'out' } },
    { className: 'Flatten', config: { name: 'flat' } },
    { className: 'Dense', config: { units: 10, activation: 'softmax', name: 'classes' } },
  ] }));
  const branches = new Set(TECHNIQUES.filter((t) => t.kind === 'branch').map((t) => t.example));
  for (const spec of examples) {
    // Gradient noise at the paper's eta swamps Adam's normalised steps at first: 63 steps learn
    // little (val_accuracy about 0.2), the 250 steps of the whole mnist-mini training split do.
    // Adversarial training from the first step is slow to start too (0.47 after 63 steps).
    const size = spec.startsWith('gradient') || spec.startsWith('adversarial') ? ['--train-size', '8000'] : [];
    const model = branches.has(spec) ? ['--model', residual] : featureMaps.has(spec) ? ['--model', conv] : [];
    const r = await runCli('train', ...SHORT, ...size, ...model, '--noise', spec);
    assert.equal(r.code, 0, `${spec}: ${r.err}`);
    const accuracy = finalValAccuracy(r.out);
    assert.ok(accuracy > 0.5, `${spec}: val_accuracy ${accuracy} (chance is 0.1)`);
  }
  await rm(dir, { recursive: true });
});

test('a model trained with --noise keeps its noise when saved, and evaluate reads it back', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-noise-cli-'));
  const t = await runCli('train', ...SHORT, '--noise', 'dropout:rate=0.5@hidden', '--noise', 'weight:stddev=0.01', '--noise', 'label-smoothing:epsilon=0.1', '--out', dir);
  assert.equal(t.code, 0, t.err);
  const json = JSON.parse(await readFile(join(dir, 'model', 'model.json'), 'utf8'));
  const layers = json.noisenet.model.layers as { className: string; config: Record<string, unknown> }[];
  assert.deepEqual(layers.map((l) => l.className), ['InputLayer', 'Dense', 'Dropout', 'Dense', 'Dropout', 'Dense'], 'no default Gaussian noise with --noise');
  assert.deepEqual(layers.filter((l) => l.className === 'Dense').map((l) => l.config['weightNoise']), [{ stddev: 0.01 }, { stddev: 0.01 }, { stddev: 0.01 }]);
  assert.equal(json.noisenet.training.loss.config.labelSmoothing, 0.1);
  const e = await runCli('evaluate', '--model', join(dir, 'model'), '--dataset', 'mnist-mini');
  assert.equal(e.code, 0, e.err);
  assert.equal(/accuracy: (\d\.\d{4})\n$/.exec(e.out)?.[1], finalValAccuracy(t.out).toFixed(4), 'evaluate gives the last val_accuracy');
  await rm(dir, { recursive: true });
});

test('--noise-stddev 0 trains without noise; --noise-stddev combines with --noise', async () => {
  const base = await runCli('train', ...SHORT.filter((a) => a !== '--quiet'), '--noise-stddev', '0');
  assert.equal(base.code, 0, base.err);
  assert.match(base.out, /\nNoise: none\n/);
  assert.doesNotMatch(base.out, /GaussianNoise/);
  const both = await runCli('train', ...SHORT.filter((a) => a !== '--quiet'), '--noise-stddev', '0.2', '--noise', 'mixup:alpha=0.2');
  assert.equal(both.code, 0, both.err);
  assert.match(both.out, /\nNoise: gaussian:stddev=0\.2 mixup:alpha=0\.2\n/);
});
