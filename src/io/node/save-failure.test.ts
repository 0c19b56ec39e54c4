/** A save that fails part-way (a full disk) leaves no temporary folder or half-written file behind, and the old run or model whole. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOf } from '../../testing/save-loop-child.js';
import { writeRunFolder } from './run-folder.js';
import { commitModelFolder } from './model-folder.js';
import { ModelFileError } from '../../errors.js';

/** Every name under `dir`, recursively, links not followed. */
function names(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [e.name, ...names(join(dir, e.name)).map((n) => `${e.name}/${n}`)] : [e.name]));
}

/** A disk that fills up while the history is written: the write throws ENOSPC, as Node's fs does. */
const noSpace = {
  toJSON(): never {
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  },
};

test('ENOSPC while writing the history: the save fails naming the file, and no temporary folder or version is left', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-enospc-'));
  try {
    const [a, b] = [runOf(0), runOf(1)];
    await writeRunFolder(dir, a.history, a.model);
    const before = names(dir).sort();
    await assert.rejects(writeRunFolder(dir, { ...b.history, params: noSpace }, b.model), (e: Error) => e instanceof ModelFileError && /history\.json: cannot write \(ENOSPC\)$/.test(e.message));
    assert.deepEqual(names(dir).sort(), before, 'the folder holds exactly what it held');
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'history.json'), 'utf8')).loss, [1], 'the old run is in place');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a model that cannot be written after the history was: the half-built version is removed at once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-enospc-'));
  try {
    const [a, b] = [runOf(0), runOf(1)];
    await writeRunFolder(dir, a.history, a.model);
    const before = names(dir).sort();
    b.model.dispose(); // its weights cannot be read: the save fails after history.json and history.csv were written
    await assert.rejects(writeRunFolder(dir, b.history, b.model));
    assert.deepEqual(names(dir).sort(), before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a model folder whose model.json cannot be written keeps its old files only: the new weights file is removed at once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-enospc-'));
  try {
    const data = { base: 'weights', ext: '.bin', data: new Uint8Array(16) };
    await commitModelFolder(dir, [data], (names) => JSON.stringify({ weightsManifest: [{ paths: names }] }));
    const before = names(dir).sort();
    const full = (): string => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    await assert.rejects(commitModelFolder(dir, [data], full), (e: Error) => e instanceof ModelFileError && /model\.json: cannot write \(ENOSPC\)$/.test(e.message));
    assert.deepEqual(names(dir).sort(), before, 'weights-1.bin, written for the new model, is gone');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
