import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));

test("the README's library example runs as written and reaches the accuracy it promises", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /## The library[\s\S]*?```js\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README has a js example under "The library"');
  const file = join(root, `.readme-example-${process.pid}.mjs`);
  writeFileSync(file, block[1]!);
  try {
    const out = execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
    const lines = out.trim().split('\n');
    assert.match(out, /Total params: 109,386/);
    const valAccuracy = Number(lines[lines.length - 3]);
    assert.ok(valAccuracy >= 0.94, `final val_accuracy ${valAccuracy}`);
    assert.match(lines[lines.length - 2]!, /loss: [\d.]+,\s+accuracy: [\d.]+/);
    assert.match(lines[lines.length - 1]!, /\[ 2000, 10 \]/);
  } finally {
    rmSync(file, { force: true });
  }
});

test("the README's command-line examples run as written and write what they say", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /## Command line[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README has a sh example under "Command line"');
  const commands = block[1]!.trim().split('\n');
  assert.deepEqual(commands.map((c) => c.split(' ').slice(0, 2).join(' ')), ['npx noisenet', 'npx noisenet', 'npx noisenet']);
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-readme-cli-'));
  try {
    // The block as written, with `npx noisenet` running this checkout's bin/noisenet.js.
    const shell = `set -e\nnpx() { "$@"; }\nnoisenet() { "${process.execPath}" "${join(root, 'bin', 'noisenet.js')}" "$@"; }\n${block[1]}`;
    execFileSync('bash', ['-c', shell], { cwd: dir, encoding: 'utf8', stdio: 'pipe', maxBuffer: 1 << 24 });
    const history = JSON.parse(readFileSync(join(dir, 'runs/mini/history.json'), 'utf8')) as { val_accuracy: number[]; params: { samples: number } };
    assert.equal(history.val_accuracy.length, 2);
    assert.equal(history.params.samples, 1000);
    assert.ok(existsSync(join(dir, 'runs/mini/model/model.json')));
    const compare = JSON.parse(readFileSync(join(dir, 'runs/compare-mini/results.json'), 'utf8')) as { format: string; status: string; runs: { configuration: string }[] };
    assert.deepEqual([compare.format, compare.status], ['noisenet-compare', 'complete']);
    assert.ok(compare.runs.some((r) => r.configuration === 'dropout:rate=0.5@hidden'), 'the variant was trained');
    assert.ok(existsSync(join(dir, 'runs/compare-mini/report.html')));
    const sweep = JSON.parse(readFileSync(join(dir, 'runs/sweep-mini/results.json'), 'utf8')) as { format: string; status: string; runs: { configuration: string }[] };
    assert.deepEqual([sweep.format, sweep.status], ['noisenet-sweep', 'complete']);
    assert.deepEqual(sweep.runs.map((r) => r.configuration).sort(), ['baseline', 'gaussian:stddev=0.1', 'gaussian:stddev=0.3']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
