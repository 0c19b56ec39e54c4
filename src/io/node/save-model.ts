/** Saves a model as a TensorFlow.js layers-model folder: `model.json` and `weights.bin`. */
import type { Sequential } from '../../models/sequential.js';
import { writeFilesAtomic } from './atomic-write.js';
import { FORMAT_VERSION, MODEL_FILE, WEIGHTS_FILE, type ModelJson, type TrainingConfig } from '../model-json.js';
import { toTfjsTopology } from '../tfjs-topology.js';
import { noisenetVersion } from '../version.js';
import { encodeWeights } from '../weights.js';

/**
 * Writes `dir/model.json` and `dir/weights.bin` (creating `dir`), each atomically: TF.js can load
 * the folder, and `loadModel` rebuilds every noisenet layer and the compile settings from the
 * `noisenet` key. Weights never initialised are initialised first. Optimizer state is not saved.
 * @throws ModelFileError naming the path that could not be written (no temporary file is left).
 */
export async function saveModel(model: Sequential, dir: string): Promise<void> {
  model.ensureWeights();
  const params = model.weights();
  const { manifest, data } = encodeWeights(params, WEIGHTS_FILE);
  const version = noisenetVersion();
  const json: ModelJson = {
    format: 'layers-model',
    generatedBy: `noisenet ${version}`,
    convertedBy: null,
    modelTopology: toTfjsTopology(model, version),
    weightsManifest: manifest,
    noisenet: { formatVersion: FORMAT_VERSION, model: model.getConfig(), training: trainingConfig(model) },
  };
  await writeFilesAtomic(dir, [
    { name: WEIGHTS_FILE, data },
    { name: MODEL_FILE, data: JSON.stringify(json) },
  ]);
}

function trainingConfig(model: Sequential): TrainingConfig | null {
  if (!model.loss || !model.optimizer) return null;
  return {
    loss: { name: model.loss.name, config: model.loss.getConfig() },
    optimizer: { className: model.optimizer.className, config: model.optimizer.getConfig() },
    metrics: [...model.metrics],
  };
}
