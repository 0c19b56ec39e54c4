import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
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

test("every other js example of the README runs as written", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).slice(1);
  assert.ok(blocks.length >= 1, 'README has more js examples');
  blocks.forEach((code, i) => {
    const file = join(root, `.readme-example-${process.pid}-${i}.mjs`);
    writeFileSync(file, code);
    try {
      execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } finally {
      rmSync(file, { force: true });
    }
  });
});
