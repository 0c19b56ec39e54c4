/** Saves a model as a TensorFlow.js layers-model folder: `model.json` and `weights.bin`. */
import type { Sequential } from '../../models/sequential.js';
import { writeFilesAtomic } from './atomic-write.js';
import { MODEL_FILE, WEIGHTS_FILE } from '../model-json.js';
import { modelArtifacts } from '../model-artifacts.js';
import type { DatasetRecord } from '../../data/dataset-record.js';
import { checkOptionKeys } from '../../schema/option-keys.js';

/** Options of {@link saveModel}. */
export interface SaveModelOptions {
  /** What the model was trained on (`datasetRecord(data)`), kept under `noisenet.dataset`. */
  dataset?: DatasetRecord;
}

/**
 * Writes `dir/model.json` and `dir/weights.bin` (creating `dir`), each atomically: TF.js can load
 * the folder, and `loadModel` rebuilds every noisenet layer and the compile settings from the
 * `noisenet` key. Weights never initialised are initialised first. Optimizer state is not saved.
 * @throws ModelFileError naming the path that could not be written (no temporary file is left).
 */
export async function saveModel(model: Sequential, dir: string, options: SaveModelOptions = {}): Promise<void> {
  checkOptionKeys('saveModel', options, ['dataset'] satisfies (keyof SaveModelOptions)[]);
  const { json, weights } = modelArtifacts(model, WEIGHTS_FILE, options.dataset);
  await writeFilesAtomic(dir, [
    { name: WEIGHTS_FILE, data: weights },
    { name: MODEL_FILE, data: JSON.stringify(json) },
  ]);
}
