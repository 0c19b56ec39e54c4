/** `noisenet robustness --attack fgsm|pgd` on a small model saved by `noisenet train`, and `--noise adversarial` in train. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';
import { Tensor } from '../tensor/tensor.js';
import { dataRange } from './robustness-attack.js';

let dir = '';
let model = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-attack-'));
  model = join(dir, 'run', 'model');
  const r = await runCli('train', '--dataset', 'mnist-mini', '--train-size', '1000', '--epochs', '2', '--out', join(dir, 'run'), '--quiet');
  assert.equal(r.code, 0, r.err);
});
after(() => rm(dir, { recursive: true }));

/** The accuracy column of the printed table. */
function accuracies(out: string): number[] {
  return out.split('\n').filter((l) => /^\d/.test(l)).map((l) => Number(l.trim().split(/\s+/)[1]));
}

test('robustness --attack fgsm prints accuracy per eps; eps 0 is the accuracy evaluate prints', async () => {
  const json = join(dir, 'fgsm.json');
  const r = await runCli('robustness', '--model', model, '--dataset', 'mnist-mini', '--attack', 'fgsm', '--eps', '0,0.05,0.1', '--json', json);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.match(lines[0]!, /^Dataset: mnist-mini, 8000 train, 2000 test; source: /);
  assert.equal(lines[1], 'Accuracy on 2000 test samples under FGSM (L-infinity, one step of eps, from the input; clipped to [0, 1]):');
  assert.match(lines[2]!, /^eps +accuracy +correct$/);
  const acc = accuracies(r.out);
  assert.equal(acc.length, 3);
  assert.ok(acc[0]! > 0.8 && acc[0]! > acc[1]! && acc[1]! > acc[2]!, `accuracy falls with eps: ${acc}`);
  const e = await runCli('evaluate', '--model', model, '--dataset', 'mnist-mini');
  assert.equal(Number(/accuracy: (\d\.\d{4})\n$/.exec(e.out)?.[1]), acc[0]);
  const record = JSON.parse(await readFile(json, 'utf8')) as { format: string; settings: Record<string, unknown>; points: { eps: number; accuracy: number }[] };
  assert.equal(record.format, 'noisenet-adversarial');
  assert.deepEqual(record.settings, { method: 'fgsm', norm: 'linf', steps: 1, stepSize: 0.1, randomStart: false, restarts: 1, clip: { min: 0, max: 1 }, seed: 0 });
  assert.deepEqual(record.points.map((p) => p.accuracy.toFixed(4)), acc.map((a) => a.toFixed(4)));
});

test("robustness --attack pgd is at most FGSM's accuracy, L-infinity and L2", async () => {
  for (const [norm, eps] of [['linf', '0.1'], ['l2', '1.5']]) {
    const f = await runCli('robustness', '--model', model, '--dataset', 'mnist-mini', '--samples', '300', '--attack', 'fgsm', '--norm', norm!, '--eps', eps!);
    const p = await runCli('robustness', '--model', model, '--dataset', 'mnist-mini', '--samples', '300', '--attack', 'pgd', '--norm', norm!, '--eps', eps!, '--steps', '10', '--restarts', '2', '--seed', '3');
    assert.equal(p.code, 0, p.err);
    assert.match(p.out, new RegExp(`under PGD \\(${norm === 'linf' ? 'L-infinity' : 'L2'}, 10 steps of 2.5 eps / 10, from a random start, worst of 2 restarts, seed 3; clipped to \\[0, 1\\]\\):`));
    assert.ok(accuracies(p.out)[0]! <= accuracies(f.out)[0]!, `${norm}: PGD ${accuracies(p.out)} <= FGSM ${accuracies(f.out)}`);
  }
});

test('attack misuse exits 2 with one line, before any work', async () => {
  const cases: [string[], string][] = [
    [['--attack', 'cw'], '--attack must be one of fgsm, pgd, received "cw"'],
    [['--attack', 'fgsm', '--eps', '-0.1'], '--eps must be a comma-separated list of numbers >= 0, received "-0.1"'],
    [['--attack', 'fgsm', '--eps', '0.1,1.5'], '--eps must be a list of radii from 0 to 1 (the width of the input range [0, 1]), received "1.5"'],
    [['--attack', 'pgd', '--steps', '0'], '--steps must be an integer >= 1 and <= 1000, received "0"'],
    [['--attack', 'fgsm', '--steps', '3'], '--steps must be given with --attack pgd (FGSM takes one step), received "--attack fgsm --steps"'],
    [['--eps', '0.1'], '--eps must be given with --attack fgsm|pgd, received "--eps without --attack"'],
    [['--attack', 'fgsm', '--stddevs', '0.1'], '--stddevs must be left out with --attack (it sets the Gaussian noise), received "--stddevs with --attack"'],
    [['--attack', 'pgd', '--range', '1,0'], '--range must be MIN,MAX with MIN < MAX, or none, received "1,0"'],
  ];
  for (const [args, message] of cases) {
    const r = await runCli('robustness', '--model', model, '--dataset', 'mnist-mini', ...args);
    assert.deepEqual([r.code, r.err, r.out], [2, `noisenet robustness: ${message}\n`, ''], args.join(' '));
  }
});

test('train --noise adversarial with an eps schedule and PGD trains and names the technique', async () => {
  const r = await runCli('train', '--dataset', 'mnist-mini', '--train-size', '300', '--epochs', '1', '--noise', 'adversarial:eps=0->0.1,method=pgd,steps=2');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Noise: adversarial:eps=0->0\.1,method=pgd,steps=2$/m);
  assert.match(r.out, /val_accuracy: 0\.\d{4}/);
  const bad = await runCli('train', '--dataset', 'mnist-mini', '--noise', 'adversarial:eps=2');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /eps must be at most 1 \(the width of the pixel range \[0, 1\]; clip=none for other data\), received 2/);
});

test('attacks clip to [0, 1] for pixels, else to the test inputs\' own range', () => {
  assert.deepEqual(dataRange(new Tensor(new Float32Array([0, 0.5, 1, 0.25]), [2, 2])), { min: 0, max: 1 });
  assert.deepEqual(dataRange(new Tensor(new Float32Array([0.2, 0.5, 0.7, 0.25]), [2, 2])), { min: 0, max: 1 });
  assert.deepEqual(dataRange(new Tensor(new Float32Array([-2, 0.5, 3, 1]), [2, 2])), { min: -2, max: 3 });
});
