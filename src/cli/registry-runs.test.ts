/**
 * Every optimizer and every loss of the registry trains through every way a run is given:
 * `noisenet train`, `noisenet compare` flags, a compare config file, a sweep config file and
 * the playground's settings. The cases come from the registry, so a new optimizer or loss is
 * covered here without a new test.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';
import { OPTIMIZER_NAMES } from '../run/run-schema.js';
import { LOSS_NAMES, lossTask } from '../losses/index.js';
import { loadMnistMini } from '../data/node/mnist-mini.js';
import type { Dataset } from '../data/types.js';
import { experimentData } from '../experiments/experiment-data.js';
import { runExperiment } from '../experiments/node/runner.js';
import { specRunFactory, validateNoiseSpec } from '../experiments/spec-run-factory.js';
import { experimentConfigJson, parseExperimentConfig } from '../experiments/config-parse.js';
import type { ExperimentResults } from '../experiments/results.js';
import { parseSweepConfig } from '../sweep/sweep-config-parse.js';
import { planSweep } from '../sweep/plan.js';
import { trainSweepRun } from '../sweep/train-run.js';
import { settingsFromHash, settingsToHash } from '../playground/settings.js';
import { PlaygroundSession } from '../playground/session.js';

/**
 * One case per optimizer (with the default loss) and one per loss that trains on ten classes
 * (with the default optimizer); binary cross-entropy takes two classes and trains on the binary
 * tables of src/cli/tasks.test.ts.
 */
const CASES: { optimizer: string; loss: string }[] = [
  ...OPTIMIZER_NAMES.map((optimizer) => ({ optimizer, loss: LOSS_NAMES[0] as string })),
  ...LOSS_NAMES.slice(1).filter((loss) => lossTask(loss) !== 'binary').map((loss) => ({ optimizer: OPTIMIZER_NAMES[0] as string, loss })),
];
const name = (c: { optimizer: string; loss: string }): string => `${c.optimizer} with ${c.loss}`;
/** A tiny run: a subset of mnist-mini, one epoch, a small mlp. */
const TINY_FLAGS = ['--dataset', 'mnist-mini', '--train-size', '64', '--epochs', '1', '--hidden', '8'];
const TINY_CONFIG = { dataset: 'mnist-mini', trainSize: 64, valSize: 64, epochs: 1, hidden: [8], seeds: [1], robustness: { stddevs: [0, 0.3], draws: 1 } };

let dir = '';
let dataset: Dataset;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-registry-runs-'));
  dataset = await loadMnistMini(42);
});
after(() => rm(dir, { recursive: true, force: true }));

const finite = (history: Record<string, number[]>): boolean => ['loss', 'val_loss', 'accuracy', 'val_accuracy'].every((k) => history[k]?.length === 1 && Number.isFinite(history[k]![0]));

describe('noisenet train', () => {
  for (const c of CASES) {
    test(name(c), async () => {
      const out = join(dir, `train-${c.optimizer}-${c.loss}`);
      const r = await runCli('train', ...TINY_FLAGS, '--optimizer', c.optimizer, '--loss', c.loss, '--noise-stddev', '0', '--quiet', '--out', out);
      assert.equal(r.code, 0, r.err);
      const final = /^Final \(epoch 1\/1\): loss: [\d.]+ - accuracy: [\d.]+ - val_loss: ([\d.]+) - val_accuracy: ([\d.]+)\n$/.exec(r.out);
      assert.ok(final, r.out);
      // The saved model keeps its loss: evaluate reads it back and scores the test split as training validated it.
      const e = await runCli('evaluate', '--model', join(out, 'model'), '--dataset', 'mnist-mini');
      assert.equal(e.code, 0, e.err);
      assert.ok(e.out.endsWith(`loss: ${final[1]} - accuracy: ${final[2]}\n`), e.out);
    });
  }
});

describe('noisenet compare flags', () => {
  for (const c of CASES) {
    test(name(c), async () => {
      const out = join(dir, `compare-${c.optimizer}-${c.loss}`);
      const r = await runCli('compare', ...TINY_FLAGS, '--seeds', '1', '--stddevs', '0', '--draws', '1', '--optimizer', c.optimizer, '--loss', c.loss, '--out', out, '--quiet');
      assert.equal(r.code, 0, r.err);
      const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as ExperimentResults;
      assert.equal(results.config.optimizer, c.optimizer);
      assert.equal(results.config.loss ?? LOSS_NAMES[0], c.loss);
      assert.equal(results.runs.length, 2);
      assert.ok(results.runs.every((run) => finite(run.history)), JSON.stringify(results.runs.map((run) => run.history)));
    });
  }
});

describe('a compare config file', () => {
  for (const c of CASES) {
    test(name(c), async () => {
      const file = join(dir, `config-${c.optimizer}-${c.loss}.json`);
      await writeFile(file, JSON.stringify({ ...TINY_CONFIG, optimizer: c.optimizer, loss: c.loss, configurations: [{ name: 'baseline', noise: [] }] }));
      const config = parseExperimentConfig(experimentConfigJson(await readFile(file, 'utf8'), file), file, { validateNoise: validateNoiseSpec });
      const results = await runExperiment(config, { runFactory: specRunFactory(), data: experimentData(dataset, config) });
      assert.equal(results.status, 'complete');
      assert.equal(results.runs[0]!.model !== undefined && finite(results.runs[0]!.history), true);
      assert.equal(results.config.optimizer, c.optimizer);
    });
  }
});

describe('a sweep config file', () => {
  for (const c of CASES) {
    test(name(c), async () => {
      const raw = { ...TINY_CONFIG, optimizer: c.optimizer, loss: c.loss, search: { techniques: ['gaussian:stddev={0.1}'] } };
      const config = parseSweepConfig(JSON.parse(JSON.stringify(raw)), 'sweep.json');
      const plan = await planSweep(config, 'sweep.json');
      assert.equal(plan.runs.length, 2, 'the baseline and one level');
      const data = experimentData(dataset, config);
      for (const run of plan.runs) {
        assert.equal(run.settings.optimizer, c.optimizer);
        const record = await trainSweepRun(run.id, run.configuration, run.settings, data);
        assert.ok(finite(record.history), JSON.stringify(record.history));
      }
    });
  }
});

describe("the playground's settings", () => {
  for (const c of CASES) {
    test(name(c), async () => {
      const hash = `#train=64&epochs=1&optimizer=${c.optimizer}&loss=${c.loss}&noise=gaussian:stddev=0.3`;
      const settings = settingsFromHash(hash)!;
      assert.deepEqual([settings.optimizer, settings.loss], [c.optimizer, c.loss]);
      assert.deepEqual(settingsFromHash(settingsToHash(settings)), settings, 'the link round-trips');
      const environment = { runtime: 'node test', machine: { platform: 'test', arch: 'test', cpu: 'test', cpus: 1, memoryGiB: 1 } };
      const session = await PlaygroundSession.create(settings, dataset, { environment });
      const results = await session.run();
      assert.equal(results.status, 'complete');
      assert.equal(results.config.optimizer, c.optimizer);
      assert.deepEqual(results.runs.map((r) => finite(r.history)), [true, true]);
    });
  }
});
