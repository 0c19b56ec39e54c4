/**
 * Loads a TensorFlow.js layers-model from files: a folder holding `model.json`, or the path of
 * the JSON file itself (e.g. `name.json` beside `name.weights.bin`, as TF.js and the browser
 * downloads write them). The weight files are read from the JSON's folder.
 */
import { dirname, join } from 'node:path';
import type { Sequential } from '../../models/sequential.js';
import { ModelFileError } from '../../errors.js';
import { checkOptionKeys } from '../../schema/option-keys.js';
import { MODEL_FILE } from '../model-json.js';
import { modelFromArtifacts, type LoadModelOptions } from '../model-artifacts.js';
import { weightFilesIn } from './weight-files.js';
import { JsonLimitError, parseBoundedJson } from '../../schema/bounded-json.js';
import { readRegularFile } from './regular-file.js';
import { DEFAULT_MAX_WEIGHT_BYTES } from '../weights.js';

/** The largest model.json read: 32 MiB (a topology and manifest, not weights; TF.js' own are a few KB). */
export const MAX_MODEL_JSON_BYTES = 32 * 2 ** 20;

export type { LoadModelOptions };

/**
 * Rebuilds the model saved in `path` (a folder with `model.json`, or a `.json` file) with its
 * weights, compiled as it was saved when the JSON records it.
 * The folder is untrusted: `model.json` and the weight files must be regular files inside it
 * (a FIFO, a device or a symbolic link leading out is refused before it is read), `model.json`
 * at most {@link MAX_MODEL_JSON_BYTES}, and weights that are NaN or infinite are refused.
 * @throws ModelFileError naming the path: a missing `model.json` or weights file, invalid JSON,
 *   an unknown layer class, weights whose names, shapes or byte length do not match, or that
 *   hold NaN or infinite values.
 */
export async function loadModel(path: string, options: LoadModelOptions = {}): Promise<Sequential> {
  checkOptionKeys('loadModel', options, ['backend', 'maxBytes', 'warn'] satisfies (keyof LoadModelOptions)[]);
  const file = path.endsWith('.json') ? path : join(path, MODEL_FILE);
  const folder = dirname(file);
  const json = await readModelJson(file, folder);
  return modelFromArtifacts(json, weightFilesIn(folder, options.maxBytes ?? DEFAULT_MAX_WEIGHT_BYTES), file, options);
}

/**
 * The parsed JSON of `path`, a model.json that must be a regular file inside `folder` of at most
 * {@link MAX_MODEL_JSON_BYTES}; a parse error does not quote the file.
 * @throws ModelFileError naming the path.
 */
export async function readModelJson(path: string, folder: string): Promise<unknown> {
  const bytes = await readRegularFile(path, folder, MAX_MODEL_JSON_BYTES, 'a model.json');
  try {
    return parseBoundedJson(new TextDecoder().decode(bytes), path);
  } catch (err) {
    if (err instanceof JsonLimitError) throw new ModelFileError(err.message);
    throw new ModelFileError(`${path}: invalid JSON (${withoutQuote((err as Error).message)})`);
  }
}

/** A JSON.parse message without the text it quotes (`"root:x:0:0:"... is not valid JSON`): the file's contents are not repeated. */
function withoutQuote(message: string): string {
  return message
    .replace(/^Unexpected token '.+?'/u, 'Unexpected character')
    .replace(/,? *"(?:[^"\\]|\\.)*"(?:\.\.\.)? is not valid JSON/, '')
    .slice(0, 200);
}
