/** End-to-end: `node bin/noisenet.js ...` as a child process, its exit code, stdout and stderr. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/noisenet.js', import.meta.url));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `onStdout` may act on the output as it arrives (e.g. send a signal). */
function cli(args: string[], env: Record<string, string> = {}, onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onStdout?.(stdout, (s) => child.kill(s));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A localhost port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether MNIST's default mirror answers: then "offline" cannot be simulated with env variables alone. */
async function online(): Promise<boolean> {
  try {
    await fetch('https://storage.googleapis.com/cvdf-datasets/mnist/', { method: 'HEAD', signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}

/** stderr without the backend's one-line notice, which machines without WebAssembly SIMD print. */
const errors = (s: string): string => s.replace(/^noisenet: .*using the slower reference backend\n/m, '');
const oneLine = (s: string): void => assert.match(s, /^[^\n]+\n$/, `expected one line on stderr, got ${JSON.stringify(s)}`);

describe('help and version', { concurrency: true }, () => {
  for (const args of [['--help'], ['train', '--help'], ['evaluate', '--help'], ['techniques', '--help']]) {
    test(`noisenet ${args.join(' ')} prints help and exits 0`, async () => {
      const r = await cli(args);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Usage: noisenet/);
      assert.equal(r.stderr, '');
    });
  }
  test('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    assert.deepEqual(await cli(['--version']), { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('misuse exits 2 with one line on stderr', { concurrency: true }, () => {
  const cases: [string[], string | RegExp][] = [
    [['train', '--epochs', '0'], 'noisenet train: --epochs must be an integer >= 1 and <= 10000, received "0"\n'],
    [['train', '--epochs', 'abc'], 'noisenet train: --epochs must be an integer >= 1 and <= 10000, received "abc"\n'],
    [['train', '--batch-size', '0'], 'noisenet train: --batch-size must be an integer >= 1 and <= 65536, received "0"\n'],
    [['train', '--noise-stddev', '-1'], 'noisenet train: --noise-stddev must be a number >= 0, received "-1"\n'],
    [['train', '--noise', 'dropout:rate=0.5@output'], "noisenet train: noise spec 'dropout:rate=0.5@output': @output must be @input, @hidden or the number of a hidden layer (@1 is the first); see noisenet techniques\n"],
    [['train', '--frobnicate'], 'noisenet train: unknown option --frobnicate; see noisenet train --help\n'],
    [['fit'], /^noisenet: unknown command "fit" .*see noisenet --help\n$/],
  ];
  for (const [args, expected] of cases) {
    test(`noisenet ${args.join(' ')}`, async () => {
      const r = await cli(args);
      assert.equal(r.code, 2, r.stderr);
      oneLine(r.stderr);
      if (typeof expected === 'string') assert.equal(r.stderr, expected);
      else assert.match(r.stderr, expected);
      assert.equal(r.stdout, '');
    });
  }
});

test('train writes history and model, evaluate reads them back', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-cli-'));
  const t = await cli(['train', '--dataset', 'mnist-mini', '--epochs', '1', '--train-size', '2000', '--out', dir]);
  assert.equal(t.code, 0, t.stderr);
  assert.equal(errors(t.stderr), '');
  assert.match(t.stdout, /^Dataset: mnist-mini, 2000 train \(seeded subset of 8000\), 2000 test; source: /);
  assert.match(t.stdout, /Total params: 109,386/);
  assert.match(t.stdout, /\nEpoch 1\/1\n63\/63 \[={30}\] - \d+s \d+ms\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}\n/);
  const valAccuracy = /Final \(epoch 1\/1\): .* val_accuracy: (\d\.\d{4})\n/.exec(t.stdout)?.[1];
  assert.ok(valAccuracy, t.stdout);
  // The public names link into the current version (.current -> .versions/<id>), switched in one rename.
  assert.deepEqual((await readdir(dir)).sort(), ['.current', '.versions', 'history.csv', 'history.json', 'model']);
  assert.deepEqual((await readdir(join(dir, 'model'))).sort(), ['model.json', 'weights.bin']);
  const history = JSON.parse(await readFile(join(dir, 'history.json'), 'utf8')) as Record<string, number[]>;
  assert.deepEqual(Object.keys(history).slice(0, 4), ['loss', 'accuracy', 'val_loss', 'val_accuracy']);
  assert.match(await readFile(join(dir, 'history.csv'), 'utf8'), /^epoch,accuracy,loss,val_accuracy,val_loss\r\n0,[\d.]+,[\d.]+,[\d.]+,[\d.]+\r\n$/);

  const e = await cli(['evaluate', '--model', join(dir, 'model'), '--dataset', 'mnist-mini']);
  assert.equal(e.code, 0, e.stderr);
  const m = /\nloss: (\d\.\d{4}) - accuracy: (\d\.\d{4})\n$/.exec(e.stdout);
  assert.ok(m, e.stdout);
  assert.ok(Number(m[2]) > 0.8, `accuracy ${m[2]}`);
  assert.equal(m[2], valAccuracy, 'evaluate on the test split gives the last val_accuracy');
  await rm(dir, { recursive: true });
});

test('evaluate of a missing model folder fails with one line naming the file', async () => {
  const missing = join(tmpdir(), 'noisenet-no-such-model');
  const r = await cli(['evaluate', '--model', missing, '--dataset', 'mnist-mini']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `noisenet evaluate: ${join(missing, 'model.json')}: file not found\n`);
});

test('train with no --dataset falls back to mnist-mini in one line when MNIST is offline', async (t) => {
  if (await online()) return t.skip('the default MNIST mirror is reachable: offline cannot be simulated');
  const cache = await mkdtemp(join(tmpdir(), 'noisenet-empty-cache-'));
  const env = { NOISENET_CACHE: cache, NOISENET_MNIST_MIRROR: `http://127.0.0.1:${await closedPort()}/` };
  const r = await cli(['train', '--epochs', '1', '--train-size', '1000'], env);
  assert.equal(r.code, 0, r.stderr);
  oneLine(errors(r.stderr));
  assert.match(errors(r.stderr), /^noisenet train: MNIST is not in .* could not be downloaded; falling back to mnist-mini/);
  assert.match(r.stdout, /^Dataset: mnist-mini, 1000 train/);
  assert.match(r.stdout, /gaussian_noise \(GaussianNoise\)/);
  await rm(cache, { recursive: true });
});

test('Ctrl-C during train exits 130 with one line', async () => {
  let sent = false;
  const r = await cli(['train', '--dataset', 'mnist-mini', '--epochs', '50'], {}, (out, kill) => {
    if (!sent && out.includes('Epoch 1/50')) kill('SIGINT');
    sent ||= out.includes('Epoch 1/50');
  });
  assert.equal(r.code, 130);
  assert.equal(errors(r.stderr), 'noisenet train: interrupted\n');
});
