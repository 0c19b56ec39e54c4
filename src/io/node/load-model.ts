/**
 * Loads a TensorFlow.js layers-model from files: a folder holding `model.json`, or the path of
 * the JSON file itself (e.g. `name.json` beside `name.weights.bin`, as TF.js and the browser
 * downloads write them). The weight files are read from the JSON's folder.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Sequential } from '../../models/sequential.js';
import { ModelFileError } from '../../errors.js';
import { checkOptionKeys } from '../../schema/option-keys.js';
import { MODEL_FILE } from '../model-json.js';
import { modelFromArtifacts, type LoadModelOptions } from '../model-artifacts.js';
import { weightFilesIn } from './weight-files.js';
import { JsonLimitError, parseBoundedJson } from '../../schema/bounded-json.js';

export type { LoadModelOptions };

/**
 * Rebuilds the model saved in `path` (a folder with `model.json`, or a `.json` file) with its
 * weights, compiled as it was saved when the JSON records it.
 * @throws ModelFileError naming the path: a missing `model.json` or weights file, invalid JSON,
 *   an unknown layer class, weights whose names, shapes or byte length do not match.
 */
export async function loadModel(path: string, options: LoadModelOptions = {}): Promise<Sequential> {
  checkOptionKeys('loadModel', options, ['backend', 'maxBytes', 'warn'] satisfies (keyof LoadModelOptions)[]);
  const file = path.endsWith('.json') ? path : join(path, MODEL_FILE);
  const json = await readJson(file);
  return modelFromArtifacts(json, weightFilesIn(dirname(file)), file, options);
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ModelFileError(code === 'ENOENT' ? `${path}: file not found` : `${path}: cannot read (${code ?? (err as Error).message})`);
  }
  try {
    return parseBoundedJson(text, path);
  } catch (err) {
    if (err instanceof JsonLimitError) throw new ModelFileError(err.message);
    throw new ModelFileError(`${path}: invalid JSON (${(err as Error).message})`);
  }
}
