import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOf } from '../../testing/save-loop-child.js';
import { createRefBackend } from '../../kernels/ref/ref-backend.js';
import { loadModel } from './load-model.js';
import { writeRunFolder } from './run-folder.js';

const CHILD = fileURLToPath(new URL('../../testing/save-loop-child.js', import.meta.url));
const KILLS = 100;

/** Every name under `dir`, recursively, links not followed. */
function names(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [e.name, ...names(join(dir, e.name)).map((n) => `${e.name}/${n}`)] : [e.name]));
}

/** Which run the folder holds (0 or 1), asserting that its model and its history agree and that it loads whole. */
async function holds(dir: string, expected: number[][][]): Promise<number> {
  const model = await loadModel(join(dir, 'model'), { backend: createRefBackend() });
  const weights = model.getWeights().map((w) => Array.from(w.data));
  const which = expected.findIndex((e) => JSON.stringify(e) === JSON.stringify(weights));
  assert.ok(which >= 0, 'the model is run A or run B, complete');
  const history = JSON.parse(readFileSync(join(dir, 'history.json'), 'utf8'));
  assert.deepEqual(history.loss, [which + 1], 'history.json belongs to the same run as the model');
  return which;
}

test(`a run folder killed with SIGKILL at ${KILLS} random instants of its replacement holds the old or the new run, whole, and the next save leaves no temporary file`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-crash-'));
  const started = performance.now();
  try {
    const runs = [runOf(0), runOf(1)];
    const expected = runs.map((r) => r.model.getWeights().map((w) => Array.from(w.data)));
    await writeRunFolder(dir, runs[0]!.history, runs[0]!.model);
    const found = [0, 0];
    for (let kill = 0; kill < KILLS; kill++) {
      const child = spawn(process.execPath, [CHILD, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => {
        child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), Math.random() * 25));
        child.on('close', () => resolve());
      });
      found[await holds(dir, expected)]!++;
      // The next save sweeps what the killed one left: one version, one model, no temporary file.
      const next = runs[kill % 2]!;
      await writeRunFolder(dir, next.history, next.model);
      const left = names(dir);
      assert.deepEqual(left.filter((n) => /\.tmp-/.test(n)), [], 'no temporary file survives the next save');
      assert.equal(left.filter((n) => /^\.versions\/[^/]+$/.test(n)).length, 1, `one version: ${left.join(' ')}`);
      assert.deepEqual(left.filter((n) => /\/model\/[^/]+$/.test(n)).map((n) => n.replace(/^.*\/model\//, '')).sort().length, 2, 'model.json and one weights file');
      assert.equal(await holds(dir, expected), kill % 2);
    }
    console.log(`# crash safety: ${KILLS} kills during run-folder saves: ${found[0]} left run A, ${found[1]} run B, 0 broken; ${((performance.now() - started) / 1000).toFixed(1)} s`);
    assert.ok(found[0]! > 0 && found[1]! > 0, `kills landed on both sides of the switch (${found.join(' / ')})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
