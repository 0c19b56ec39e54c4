/**
 * `npm run check:deps` keeps the folders of src/ in layer order (FOLDER_ORDER in
 * .dependency-cruiser.cjs). These tests run scripts/check-deps.mjs on a copy of the sources with
 * one import planted, and see the check fail, naming the rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG_FILES = ['.dependency-cruiser.cjs', '.dependency-cruiser-known-violations.json', 'tsconfig.json', 'package.json'];

/** Runs the dependency check on `checkout`; its exit status and everything it printed. */
function checkDeps(checkout: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'check-deps.mjs'), checkout], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A copy of src/ and the dependency configuration with `files` (path under the copy: contents) added. */
function copyWith(files: Record<string, string>): string {
  const copy = mkdtempSync(join(tmpdir(), 'noisenet-deps-'));
  cpSync(join(root, 'src'), join(copy, 'src'), { recursive: true });
  for (const file of CONFIG_FILES) cpSync(join(root, file), join(copy, file));
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(copy, path)), { recursive: true });
    writeFileSync(join(copy, path), contents);
  }
  return copy;
}

/** Runs the check on a copy with `files` planted, then removes the copy. */
function checkWith(files: Record<string, string>): { status: number | null; output: string } {
  const copy = copyWith(files);
  try {
    return checkDeps(copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

test('check:deps passes on the sources as they are: no rule broken, no folder cycle', () => {
  const { status, output } = checkDeps(root);
  assert.equal(status, 0, output);
  assert.match(output, /no new violation/);
});

test('a kernels file importing the training loop fails check:deps, naming the layer rule and the import', () => {
  const { status, output } = checkWith({
    'src/kernels/planted-upward.ts': "import { fit } from '../train/fit.js';\n\nexport const planted = fit;\n",
  });
  assert.equal(status, 1, output);
  assert.match(output, /layer-order-kernels: src\/kernels\/planted-upward\.ts -> src\/train\/fit\.ts/);
  assert.match(output, /folder-cycle: .*src\/kernels\/.*src\/train\//);
});

test('a type-only import from a lower folder to a higher one fails check:deps too', () => {
  const { status, output } = checkWith({
    'src/random/planted-type.ts': "import type { Sequential } from '../models/sequential.js';\n\nexport type Planted = Sequential;\n",
  });
  assert.equal(status, 1, output);
  assert.match(output, /layer-order-random: src\/random\/planted-type\.ts -> src\/models\/sequential\.ts/);
});

test('a folder missing from the layer order fails check:deps', () => {
  const { status, output } = checkWith({
    'src/unlisted/planted.ts': "import { invalid } from '../errors.js';\n\nexport const planted = invalid;\n",
  });
  assert.equal(status, 1, output);
  assert.match(output, /folder-in-layer-order: src\/unlisted\/planted\.ts -> src\/errors\.ts/);
});
