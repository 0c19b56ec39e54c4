/** A model.json from outside is read within the JSON bounds, in Node and from picked files alike: one ModelFileError line naming the file. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelFileError } from '../errors.js';
import { loadModel } from './node/load-model.js';
import { loadModelFromFiles } from './browser/model-files.js';

const DEEP = `{"modelTopology": ${'['.repeat(300_000)}${']'.repeat(300_000)}, "weightsManifest": []}`;

function deepError(file: string): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof ModelFileError, String(err));
    assert.equal(err.message, `${file}: JSON nested too deeply: at most 64 levels of objects and arrays, found more than 64`);
    return true;
  };
}

test('loadModel: a model.json nested 300,000 deep is a ModelFileError naming the file, not a stack overflow', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-deep-model-'));
  try {
    await writeFile(join(dir, 'model.json'), DEEP);
    await assert.rejects(loadModel(dir), deepError(join(dir, 'model.json')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('loadModelFromFiles: the same for a picked .json file', async () => {
  await assert.rejects(loadModelFromFiles([new File([DEEP], 'deep.json')]), deepError('deep.json'));
});
