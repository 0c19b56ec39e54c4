/**
 * Every output path is checked before any work: `train --out`, `robustness --json`,
 * `certify --json` and `compare --out` name the path at fault and the reason (a file in the
 * way, an empty path, a folder that cannot be written) and exit before training or measuring;
 * an existing --json file is overwritten only with --force.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';

let dir = '';
let model = '';
let file = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-paths-'));
  model = join(dir, 'run', 'model');
  file = join(dir, 'a-file');
  await writeFile(file, 'not a folder');
  const r = await runCli('train', '--dataset', 'mnist-mini', '--train-size', '300', '--epochs', '1', '--out', join(dir, 'run'), '--quiet');
  assert.equal(r.code, 0, r.err);
});
after(() => rm(dir, { recursive: true, force: true }));

const TRAIN = ['train', '--dataset', 'mnist-mini', '--train-size', '300', '--epochs', '1'];
const ROBUSTNESS = () => ['robustness', '--model', model, '--dataset', 'mnist-mini', '--stddevs', '0', '--samples', '50'];
const CERTIFY = () => ['certify', '--model', model, '--dataset', 'mnist-mini', '--sigma', '0.25', '--n0', '5', '--n', '20', '--samples', '2'];

/** A folder nothing can be written into, even by root: a read-only one, or /sys. */
async function unwritable(): Promise<string> {
  if (process.getuid?.() === 0) return '/sys';
  const locked = join(dir, 'locked');
  await mkdir(locked, { recursive: true });
  await chmod(locked, 0o555);
  return locked;
}

/** Refused in one line, with `code`, before any work (nothing on stdout). */
function refusedEarly(r: { code: number; out: string; err: string }, code: number, message: RegExp): void {
  assert.equal(r.code, code, r.err);
  assert.equal(r.out, '', 'nothing was done');
  assert.match(r.err, /^[^\n]+\n$/, `one line: ${JSON.stringify(r.err)}`);
  assert.match(r.err, message);
}

test('train --out: an empty path, a file in the way and an unwritable folder are refused before training', async () => {
  refusedEarly(await runCli(...TRAIN, '--out', ''), 2, /^noisenet train: --out must be a folder path, received ""\n$/);
  refusedEarly(await runCli(...TRAIN, '--out', join(file, 'run')), 1, new RegExp(`^noisenet train: --out ${join(file, 'run')}: ${file} is a file, not a folder\\n$`));
  const locked = await unwritable();
  refusedEarly(await runCli(...TRAIN, '--out', join(locked, 'run')), 1, new RegExp(`^noisenet train: --out ${join(locked, 'run')}: cannot create a folder in ${locked} \\((EACCES|EPERM|EROFS)\\)\\n$`));
});

test('robustness --json names the file in the way, not its parent with EEXIST, before measuring', async () => {
  const json = join(file, 'x.json');
  refusedEarly(await runCli(...ROBUSTNESS(), '--json', json), 1, new RegExp(`^noisenet robustness: --json ${json}: ${file} is a file, not a folder\\n$`));
  refusedEarly(await runCli(...ROBUSTNESS(), '--json', dir), 1, new RegExp(`^noisenet robustness: --json ${dir} is a folder, not a file\\n$`));
  refusedEarly(await runCli(...ROBUSTNESS(), '--json', ''), 2, /^noisenet robustness: --json must be a file path, received ""\n$/);
  refusedEarly(await runCli(...ROBUSTNESS(), '--force'), 2, /^noisenet robustness: --force applies only with --json FILE/);
});

test('robustness and certify refuse to overwrite an existing --json file without --force', async () => {
  for (const [command, args] of [['robustness', ROBUSTNESS()], ['certify', CERTIFY()]] as const) {
    const json = join(dir, `${command}.json`);
    await writeFile(json, 'kept');
    refusedEarly(await runCli(...args, '--json', json), 1, new RegExp(`^noisenet ${command}: --json ${json} already exists: pass --force to overwrite it, or choose another file\\n$`));
    assert.equal(await readFile(json, 'utf8'), 'kept');
    const forced = await runCli(...args, '--json', json, '--force');
    assert.equal(forced.code, 0, forced.err);
    assert.equal((JSON.parse(await readFile(json, 'utf8')) as { format: string }).format, `noisenet-${command}`);
    const locked = await unwritable();
    refusedEarly(await runCli(...args, '--json', join(locked, 'x.json')), 1, /cannot write (a file )?in .* \((EACCES|EPERM|EROFS)\)\n$/);
  }
});

test('compare --out with a file in the way is refused before any run', async () => {
  const out = join(file, 'compare');
  refusedEarly(await runCli('compare', '--dataset', 'mnist-mini', '--train-size', '200', '--epochs', '1', '--seeds', '1', '--out', out), 1, new RegExp(`^noisenet compare: --out ${out}: ${file} is a file, not a folder\\n$`));
});
