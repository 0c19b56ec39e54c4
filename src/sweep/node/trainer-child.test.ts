/** Trainer children whose parent is killed exit quietly: no stack on the terminal they share with it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from '../../testing/cli-process.js';

test('the trainer children of `sweep --jobs 2` exit quietly when their parent is killed (SIGKILL) mid-sweep', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-orphans-'));
  try {
    const sweep = startCli(['sweep', '--dataset', 'mnist-mini', '--train-size', '2000', '--epochs', '4', '--hidden', '64', '--stddevs', '0', '--draws', '1', '--seeds', '1', '--noise', 'gaussian:stddev={0.1,0.2,0.3}', '--jobs', '2', '--threads', '1', '--out', join(dir, 'out'), '-q']);
    await sweep.waitFor(/^Output: /);
    await new Promise((r) => setTimeout(r, 1500)); // the children load the data and train
    sweep.proc.kill('SIGKILL');
    assert.equal(await sweep.exit, 'SIGKILL');
    // The children share the parent's stderr: it closes once the last of them has exited.
    await new Promise<void>((resolve) => (sweep.proc.stderr!.closed ? resolve() : sweep.proc.stderr!.once('close', () => resolve())));
    assert.doesNotMatch(sweep.err(), /Error|EPIPE|Channel closed|\n\s+at /, 'nothing but the progress lines');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
