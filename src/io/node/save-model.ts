/** Saves a model as a TensorFlow.js layers-model folder: `model.json` and its weights file. */
import type { Sequential } from '../../models/sequential.js';
import { WEIGHTS_FILE, type NoisenetSection } from '../model-json.js';
import { modelArtifacts } from '../model-artifacts.js';
import type { DatasetRecord } from '../../data/dataset-record.js';
import type { LoadedDataRecord } from '../../data/loaded-data-record.js';
import { checkOptionKeys } from '../../schema/option-keys.js';
import { commitModelFolder, type DataFile } from './model-folder.js';

/** Options of {@link saveModel}. */
export interface SaveModelOptions {
  /** What the model was trained on (`datasetRecord(data)`), kept under `noisenet.dataset`. */
  dataset?: DatasetRecord;
  /** The user's own data it was trained on (`loadedDataRecord(data)`, with what else a reader needs), kept under `noisenet.data`. */
  data?: LoadedDataRecord;
  /**
   * Save the optimizer's state (step count and slots) in the `optimizer` group of the weights
   * manifest, so that `fit` after `loadModel` continues where training stopped; default true
   * (nothing is saved for a model that was never compiled or trained).
   */
  includeOptimizer?: boolean;
}

/** What a checkpoint adds to a model folder: more data files, named in `noisenet.files`, and more keys in the `noisenet` section. */
export interface FolderExtras {
  readonly files: readonly DataFile[];
  /** Extra keys of the `noisenet` section, given the names the files got. */
  section(names: Record<string, string>): Partial<NoisenetSection>;
}

/**
 * Writes `dir/model.json` and `dir/weights.bin` (creating `dir`): TF.js can load the folder, and
 * `loadModel` rebuilds every noisenet layer, the compile settings and the optimizer's state from
 * it. An existing model in `dir` is replaced so that a crash at any instant leaves the old model
 * or the new one, complete (see model-folder.ts); the weights file may then be `weights-1.bin`.
 * Weights never initialised are initialised first.
 * @throws ModelFileError naming the path that could not be written (no temporary file is left).
 */
export async function saveModel(model: Sequential, dir: string, options: SaveModelOptions = {}, extras?: FolderExtras): Promise<void> {
  checkOptionKeys('saveModel', options, ['dataset', 'data', 'includeOptimizer'] satisfies (keyof SaveModelOptions)[]);
  const optimizer = (options.includeOptimizer ?? true) && model.optimizer && model.optimizer.iterations > 0 ? model.optimizer.getWeights() : [];
  const { json, weights } = modelArtifacts(model, WEIGHTS_FILE, options.dataset, optimizer);
  if (options.data) json.noisenet.data = options.data;
  const files: DataFile[] = [{ base: 'weights', ext: '.bin', data: weights }, ...(extras?.files ?? [])];
  await commitModelFolder(dir, files, (names) => {
    json.weightsManifest[0]!.paths = [names[0]!];
    if (extras) {
      const extraNames = Object.fromEntries(extras.files.map((f, i) => [f.base, names[i + 1]!]));
      Object.assign(json.noisenet, { files: extraNames }, extras.section(extraNames));
    }
    return JSON.stringify(json);
  });
}
