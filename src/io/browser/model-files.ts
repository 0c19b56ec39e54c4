/**
 * Models as files in browsers (and any runtime with Blob): the two files TF.js' `downloads://`
 * handler writes, `<name>.json` and `<name>.weights.bin`, made from a model, and a model read back
 * from such files, e.g. what a person picked in an `<input type="file">` or dropped on the page.
 * `loadModel('<dir>/<name>.json')` reads the same pair in Node.
 */
import type { Sequential } from '../../models/sequential.js';
import { ModelFileError, invalid } from '../../errors.js';
import { modelArtifacts, modelFromArtifacts, type LoadModelOptions } from '../model-artifacts.js';
import type { WeightFiles } from '../weights.js';
import { JsonLimitError, parseBoundedJson } from '../../schema/bounded-json.js';

/** A file's name and contents: a File, or anything with a name and the Blob methods used here. */
export interface NamedBlob {
  readonly name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
}

/** The two files of a model: `<name>.json` (its manifest names the other) and `<name>.weights.bin`. */
export function modelFiles(model: Sequential, name = 'model'): [File, File] {
  if (typeof name !== 'string' || !/^[A-Za-z0-9._-]+$/.test(name)) throw invalid('modelFiles', 'name', 'a file name of letters, digits, ".", "_" and "-"', name);
  const weightsName = `${name}.weights.bin`;
  const { json, weights } = modelArtifacts(model, weightsName);
  return [new File([JSON.stringify(json)], `${name}.json`, { type: 'application/json' }), new File([weights as Uint8Array<ArrayBuffer>], weightsName, { type: 'application/octet-stream' })];
}

/**
 * The model of a `.json` file and its weight files among `files` (matched by the file names of
 * the manifest's paths, as TF.js' browser files handler does).
 * @throws ModelFileError naming the file: no or several `.json` files, invalid JSON, a weights
 *   file missing from `files`, weights of another architecture (names, shapes, sizes).
 */
export async function loadModelFromFiles(files: readonly NamedBlob[], options: LoadModelOptions = {}): Promise<Sequential> {
  const list = [...files];
  const jsons = list.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsons.length !== 1) {
    throw new ModelFileError(`model files: need exactly one .json file (the model) and its weight files, received ${list.length === 0 ? 'none' : list.map((f) => f.name).join(', ')}`);
  }
  const jsonFile = jsons[0]!;
  let json: unknown;
  try {
    json = parseBoundedJson(await jsonFile.text(), jsonFile.name);
  } catch (err) {
    if (err instanceof JsonLimitError) throw new ModelFileError(err.message);
    throw new ModelFileError(`${jsonFile.name}: invalid JSON (${(err as Error).message})`);
  }
  const byName = new Map(list.map((f) => [f.name, f]));
  const weightFiles: WeightFiles = {
    locate: (path) => path.split('/').pop() ?? path,
    async read(name) {
      const file = byName.get(name);
      if (!file) throw new ModelFileError(`${name}: file not given (${jsonFile.name} needs it; pick it together with the .json file)`);
      return new Uint8Array(await file.arrayBuffer());
    },
  };
  return modelFromArtifacts(json, weightFiles, jsonFile.name, options);
}
