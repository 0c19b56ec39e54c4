import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';

test('train --out refuses a file or a saved run before training, unless --force', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-out-'));
  try {
    const args = ['train', '--dataset', 'mnist-mini', '--epochs', '1', '--train-size', '300', '--quiet'];
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const onFile = await runCli(...args, '--out', file);
    assert.equal(onFile.code, 1);
    assert.match(onFile.err, /--out .*a-file is a file, not a folder/);
    assert.equal(onFile.out, '', 'nothing trained');
    const out = join(dir, 'run');
    assert.equal((await runCli(...args, '--out', out)).code, 0);
    assert.ok(existsSync(join(out, 'model', 'weights.bin')));
    const again = await runCli(...args, '--out', out);
    assert.equal(again.code, 1);
    assert.match(again.err, /already holds a run .*pass --force/);
    assert.equal(again.out, '');
    assert.equal((await runCli(...args, '--out', out, '--force')).code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--data-dir with mnist-mini is refused instead of ignored', async () => {
  const r = await runCli('train', '--dataset', 'mnist-mini', '--data-dir', tmpdir());
  assert.equal(r.code, 2);
  assert.match(r.err, /--data-dir does not apply to --dataset mnist-mini/);
});

test('Ctrl-C during train --out stops after the epoch, saves the finished epochs and exits 130', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-int-'));
  try {
    const out = join(dir, 'run');
    const bin = fileURLToPath(new URL('../../bin/noisenet.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'train', '--dataset', 'mnist-mini', '--epochs', '500', '--out', out]);
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => void (stderr += d));
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d;
        if (!sent && /Epoch 3\/500/.test(stdout)) sent = child.kill('SIGINT'); // once: a second Ctrl-C quits at once
      });
      child.on('exit', (c) => resolve(c));
    });
    assert.equal(code, 130, stderr);
    assert.match(stderr, /interrupted after epoch (\d+)\/500; the finished epochs are saved/);
    const epochs = Number(/after epoch (\d+)/.exec(stderr)![1]);
    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8')) as { loss: number[] };
    assert.ok(epochs >= 2 && epochs < 500, `stopped after ${epochs} epochs`);
    assert.equal(history.loss.length, epochs);
    assert.ok(existsSync(join(out, 'model', 'weights.bin')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a second train --out DIR while the first is writing there fails at once, naming the first', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-two-'));
  try {
    const out = join(dir, 'run');
    const args = ['train', '--dataset', 'mnist-mini', '--epochs', '500', '--train-size', '300', '--out', out];
    // The first writer holds the folder from before its first epoch until it ends; it is stopped with Ctrl-C
    // only after the second has been refused, so the two always overlap however slowly either starts.
    let second: ReturnType<typeof spawnCli> | undefined;
    let refused: Awaited<ReturnType<typeof spawnCli>['done']> | undefined;
    const first = spawnCli(args, (stdout, child) => {
      if (second || !/Epoch 2\/500/.test(stdout)) return;
      second = spawnCli([...args.slice(0, -2), '--quiet', '--out', out]);
      void second.done.then((r) => {
        refused = r;
        child.kill('SIGINT');
      });
    });
    const stopped = await first.done;
    assert.ok(refused, stopped.stderr);
    assert.equal(refused.code, 1, 'the second writer fails');
    assert.match(refused.stderr, new RegExp(`is in use: noisenet train \\(pid ${first.pid} on [^,]+, started [^)]+\\) is writing there`));
    assert.equal(refused.stdout, '', 'nothing trained');
    assert.equal(stopped.code, 130, stopped.stderr);
    assert.equal((await runCli('evaluate', '--model', join(out, 'model'))).code, 0, 'the first run saved what it finished, and it loads');
    assert.equal(existsSync(join(out, '.lock')), false, 'the lock is released');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a train --out killed with SIGKILL leaves a stale lock that train --resume takes over', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-kill-'));
  try {
    const out = join(dir, 'run');
    const first = spawnCli(['train', '--dataset', 'mnist-mini', '--epochs', '500', '--train-size', '300', '--out', out], (stdout) => /Epoch 3\/500/.test(stdout));
    const killed = await first.done;
    assert.equal(killed.signal, 'SIGKILL');
    const stale = JSON.parse(readFileSync(join(out, '.lock'), 'utf8')) as { pid: number };
    assert.equal(stale.pid, first.pid);
    const resumed = await runCli('train', '--resume', out, '--quiet');
    assert.equal(resumed.code, 0, resumed.err);
    assert.equal(existsSync(join(out, '.lock')), false);
    assert.ok(existsSync(join(out, 'model', 'model.json')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * `noisenet ...args` in a child. `watch` sees its output so far after each chunk: returning true kills it with
 * SIGKILL; it may also signal the child itself.
 */
function spawnCli(args: string[], watch?: (stdout: string, child: ChildProcess) => boolean | void): { pid: number; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const bin = fileURLToPath(new URL('../../bin/noisenet.js', import.meta.url));
  const child = spawn(process.execPath, [bin, ...args]);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => void (stderr += d));
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
    if (watch?.(stdout, child) === true) child.kill('SIGKILL');
  });
  return { pid: child.pid!, done: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))) };
}
