import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExperiment } from './node/runner.js';
import { specRunFactory, validateNoiseSpec } from './spec-run-factory.js';
import { parseExperimentConfig } from './config-parse.js';
import { ExperimentConfigError } from './config.js';
import type { ExperimentData } from './data.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { clusters } from '../testing/synthetic.js';

const data: ExperimentData = { name: 'clusters', source: 'synthetic (test)', classes: ['a', 'b', 'c'], train: clusters(90, 6, 3, 1), validation: clusters(30, 6, 3, 2) };
const buildRun = specRunFactory({ backend: createRefBackend() });

test('configurations written as noise specs train end to end (layer, weight, loss, optimizer and data-level noise)', async () => {
  const specs = [[], ['gaussian:stddev=0.3'], ['dropout:rate=0.2@hidden', 'label-smoothing:epsilon=0.1'], ['mixup:alpha=0.2']];
  const config = parseExperimentConfig(
    { epochs: 1, batchSize: 16, hidden: [8], seeds: 1, configurations: specs.map((noise, i) => ({ name: `c${i}`, noise })), robustness: { stddevs: [0, 0.5], draws: 1 } },
    'specs.json',
    { validateNoise: validateNoiseSpec },
  );
  const results = await runExperiment(config, { runFactory: buildRun, data, validateNoise: validateNoiseSpec });
  assert.equal(results.runs.length, 4);
  for (const r of results.runs) assert.ok(Number.isFinite(r.history.val_loss![0]), r.configuration);
  const layers = (i: number): string[] => (results.runs[i]!.model as { layers: { className: string }[] }).layers.map((l) => l.className);
  assert.ok(layers(1).includes('GaussianNoise'), layers(1).join());
  assert.ok(layers(2).includes('Dropout'), layers(2).join());
});

test('an unknown technique fails config validation; a spec that cannot apply fails before any run', async () => {
  assert.throws(
    () => parseExperimentConfig({ configurations: [{ name: 'a', noise: ['gausian:stddev=0.1'] }] }, 'exp.json', { validateNoise: validateNoiseSpec }),
    /^ExperimentConfigError: exp\.json: configurations\[0\]\.noise\[0\]: "gausian:stddev=0\.1": noise spec 'gausian:stddev=0\.1': unknown technique 'gausian'; known: /,
  );
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-spec-'));
  const config = parseExperimentConfig({ epochs: 1, hidden: [], seeds: 1, configurations: [{ name: 'ok' }, { name: 'bad', noise: ['dropout:rate=0.2@hidden'] }] }, 'exp.json');
  await assert.rejects(runExperiment(config, { runFactory: buildRun, data, outDir: dir, configSource: 'exp.json' }), (err: Error) => {
    assert.ok(err instanceof ExperimentConfigError);
    assert.match(err.message, /^exp\.json: configurations\[1\] \(bad\): noise spec 'dropout:rate=0\.2@hidden': the model has no hidden layers$/);
    return true;
  });
  assert.deepEqual(await readdir(dir), [], 'nothing written');
});
