/** The dispatcher in-process: exit codes and messages without spawning (cli.test.ts spawns the binary). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { main } from './main.js';
import type { CliContext } from './context.js';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const ctx: CliContext = { stdout: { write: (s) => void (out += s), isTTY: false }, stderr: { write: (s) => void (err += s) }, env: {} };
  const code = await main(args, ctx);
  return { code, out, err };
}

test('help forms exit 0 on stdout', async () => {
  for (const args of [['-h'], ['help'], ['help', 'evaluate'], ['train', '-h'], ['evaluate', '--help', '--model', 'x'], ['techniques', '-h']]) {
    const r = await run(...args);
    assert.equal(r.code, 0);
    assert.match(r.out, /^(noisenet \d|Usage: noisenet)/);
    assert.equal(r.err, '');
  }
  assert.match((await run('help', 'evaluate')).out, /--model DIR/);
  assert.match((await run('-v')).out, /^\d+\.\d+\.\d+/);
});

test('misuse: exit 2 and one line', async () => {
  const cases: [string[], string][] = [
    [[], 'noisenet: missing command (train, evaluate, predict, compare, robustness, certify, corrupt, techniques, export, playground, sweep, worker); see noisenet --help\n'],
    [['--frobnicate'], 'noisenet: unknown option --frobnicate; see noisenet --help\n'],
    [['train', 'extra'], 'noisenet train: unexpected argument "extra"; see noisenet train --help\n'],
    [['train', '--epochs'], 'noisenet train: --epochs needs a value; see noisenet train --help\n'],
    [['train', '--epochs', '2.5'], 'noisenet train: --epochs must be an integer >= 1 and <= 10000, received "2.5"\n'],
    [['train', '--lr', '1e'], 'noisenet train: --lr must be a number > 0, received "1e"\n'],
    [['train', '--hidden', '128,,64'], 'noisenet train: --hidden must be a comma-separated list of integers >= 1 (or "none"), received "128,,64"\n'],
    [['train', '--dataset', 'cifar'], 'noisenet train: --dataset must be one of mnist, fashion-mnist, mnist-mini, received "cifar"\n'],
    [['train', '--momentum', '0.9'], 'noisenet train: --momentum applies only to --optimizer sgd or rmsprop\n'],
    [['train', '--optimizer', 'sgd', '--momentum', '1'], 'noisenet train: --momentum must be a number >= 0 and < 1, received "1"\n'],
    [['train', '--seed', '-1'], 'noisenet train: --seed must be an integer >= 0 and <= 4294967295, received "-1"\n'],
    [['train', '--noise'], 'noisenet train: --noise needs a value; see noisenet train --help\n'],
    [['techniques', '--markdown=yes'], 'noisenet techniques: --markdown does not take a value; see noisenet techniques --help\n'],
    [['train', '--quiet=yes'], 'noisenet train: --quiet does not take a value; see noisenet train --help\n'],
    [['evaluate'], 'noisenet evaluate: --model DIR is required; see noisenet evaluate --help\n'],
    [['evaluate', '--model', 'm', '--batch-size', '0'], 'noisenet evaluate: --batch-size must be an integer >= 1, received "0"\n'],
  ];
  for (const [args, message] of cases) {
    const r = await run(...args);
    assert.deepEqual([r.code, r.err, r.out], [2, message, ''], args.join(' '));
  }
});

test('a --train-size larger than the training split is misuse', async () => {
  const r = await run('train', '--dataset', 'mnist-mini', '--train-size', '8001', '--quiet');
  assert.equal(r.code, 2);
  assert.equal(r.err, 'noisenet train: --train-size must be an integer from 1 to 8000 (the training samples of mnist-mini), received "8001"\n');
});

test('runtime failures: exit 1, one line prefixed with the command, no stack', async () => {
  const r = await run('train', '--dataset', 'mnist', '--data-dir', '/nonexistent-noisenet-dir', '--quiet');
  assert.equal(r.code, 1);
  assert.match(r.err, /^noisenet train: \/nonexistent-noisenet-dir\/train-images-idx3-ubyte\.gz: file not found.*\n$/);
  assert.ok(!r.err.includes('    at '));
});
