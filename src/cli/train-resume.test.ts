import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli } from '../testing/spawn-cli.js';
import { runCli } from '../testing/run-cli.js';

/** A run with a noise schedule, gradient noise, mixup and early stopping in play; about 0.2 s per epoch. */
const RUN = ['train', '--dataset', 'mnist-mini', '--epochs', '5', '--hidden', '128', '--noise', 'gaussian:stddev=0.3->0.05,schedule=cosine', '--noise', 'gradient:eta=0.01', '--noise', 'mixup:alpha=0.2', '--noise', 'dropout:rate=0.2@hidden', '--patience', '1', '--threads', '1'];

/** The run's history and its model's weights, as bytes. */
function outputs(dir: string): { history: string; weights: Buffer } {
  const json = JSON.parse(readFileSync(join(dir, 'model', 'model.json'), 'utf8'));
  return { history: readFileSync(join(dir, 'history.json'), 'utf8'), weights: readFileSync(join(dir, 'model', json.weightsManifest[0].paths[0])) };
}

test('train --out killed with SIGKILL at a random step of a random epoch, then --resume, ends byte-identical to the uninterrupted run', async () => {
  const root = mkdtempSync(join(tmpdir(), 'noisenet-resume-'));
  try {
    const whole = await spawnCli([...RUN, '--out', join(root, 'whole')]);
    assert.equal(whole.code, 0, whole.stderr);
    const expected = outputs(join(root, 'whole'));
    const epochs = JSON.parse(expected.history).epoch.length;
    assert.ok(epochs >= 3, `the reference ran ${epochs} epochs`);
    let kills = 0;
    for (let attempt = 0; kills < 3 && attempt < 12; attempt++) {
      const dir = join(root, `killed-${attempt}`);
      const epoch = 3 + Math.floor(Math.random() * (epochs - 2)); // 1-based, 3..epochs: epoch 1's checkpoint is on disk
      const delay = Math.floor(Math.random() * 200);
      let armed = false;
      const killed = await spawnCli([...RUN, '--out', dir], (stdout, child) => {
        if (armed || !stdout.includes(`Epoch ${epoch}/5\n`)) return;
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delay);
      });
      if (killed.signal !== 'SIGKILL') continue; // finished before the kill: draw another instant
      kills++;
      assert.ok(existsSync(join(dir, 'checkpoint', 'model.json')), `killed in epoch ${epoch} after ${delay} ms: a checkpoint is left`);
      const checkpoint = JSON.parse(readFileSync(join(dir, 'checkpoint', 'model.json'), 'utf8')).noisenet.checkpoint;
      const resumed = await spawnCli(['train', '--resume', dir, '--threads', '1']);
      assert.equal(resumed.code, 0, resumed.stderr);
      // Killed during the epoch: it runs again from its start (killed while saving at the very end: nothing is left to run).
      if (!checkpoint.complete) assert.match(resumed.stdout, new RegExp(`^Epoch ${checkpoint.epoch + 1}/5$`, 'm'), `killed in epoch ${epoch}: resumed after the last checkpoint`);
      const got = outputs(dir);
      assert.equal(got.history, expected.history, `killed in epoch ${epoch} after ${delay} ms: history.json`);
      assert.ok(got.weights.equals(expected.weights), `killed in epoch ${epoch} after ${delay} ms: weights`);
      assert.ok(!existsSync(join(dir, 'checkpoint')), 'the checkpoint of a finished run is removed');
    }
    assert.equal(kills, 3, 'three runs killed mid-training');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('train --resume takes no flags that change the run, and needs a checkpoint', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-resume-bad-'));
  try {
    const flags = await runCli('train', '--resume', dir, '--epochs', '3');
    assert.deepEqual([flags.code, flags.err], [2, 'noisenet train: --resume continues a run with the settings it was started with; drop --epochs\n']);
    const both = await runCli('train', '--resume', dir, '--out', dir);
    assert.equal(both.code, 2);
    const none = await runCli('train', '--resume', dir);
    assert.equal(none.code, 1);
    assert.match(none.err, /--resume .*: no checkpoint to resume \(.*checkpoint\/model\.json not found\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
