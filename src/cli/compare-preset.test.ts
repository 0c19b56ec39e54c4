/**
 * `compare --model convnet`: the baseline trains without the convnet's Dropout 0.5 and says so;
 * `--noise preset` keeps it, in a configuration named "convnet with its dropout".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';

test('compare --model convnet: a baseline without the dropout, and the convnet with its dropout under --noise preset', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-compare-preset-'));
  try {
    const r = await runCli('compare', '--model', 'convnet', '--noise', 'preset', '--dataset', 'mnist-mini', '--train-size', '64', '--val-size', '32', '--epochs', '1', '--seeds', '1', '--stddevs', '0', '--draws', '1', '--threads', '1', '-q', '--out', join(dir, 'out'));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /\n {2}baseline \(no noise: the convnet without its dropout\)\n {2}convnet with its dropout \(preset\)\n/);
    assert.doesNotMatch(r.out, /baseline \(no noise\)\n/);
    assert.match(r.out, /\nVerdict: Validation accuracy: /);
    const results = JSON.parse(await readFile(join(dir, 'out', 'results.json'), 'utf8')) as { runs: { configuration: string; model: { className: string }[] | { layers: { className: string }[] } }[] };
    const layers = (i: number): string[] => {
      const m = results.runs[i]!.model;
      return (Array.isArray(m) ? m : m.layers).map((l) => l.className);
    };
    assert.deepEqual(results.runs.map((x) => x.configuration), ['baseline', 'convnet with its dropout']);
    assert.ok(!layers(0).includes('Dropout'), `baseline: ${layers(0)}`);
    assert.ok(layers(1).includes('Dropout'), `with its dropout: ${layers(1)}`);
    const mlp = await runCli('compare', '--noise', 'preset', '--dataset', 'mnist-mini', '--epochs', '1', '--seeds', '1', '-q', '--out', join(dir, 'mlp'));
    assert.equal(mlp.code, 2);
    assert.match(mlp.err, /^noisenet compare: noise spec 'preset': keeps a preset's own noise, but the mlp preset has none \(presets with noise of their own: convnet\)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
