/** Saves a model as a TensorFlow.js layers-model folder: `model.json` and its weights file. */
import type { Sequential } from '../../models/sequential.js';
import { FORMAT_VERSION, type ModelJson, type NoisenetSection, type TrainingConfig } from '../model-json.js';
import { toTfjsTopology } from '../tfjs-topology.js';
import { noisenetVersion } from '../version.js';
import { encodeWeights } from '../weights.js';
import type { DatasetRecord } from '../../data/dataset-record.js';
import { checkOptionKeys } from '../../schema/option-keys.js';
import { commitModelFolder, type DataFile } from './model-folder.js';

/** Options of {@link saveModel}. */
export interface SaveModelOptions {
  /** What the model was trained on (`datasetRecord(data)`), kept under `noisenet.dataset`. */
  dataset?: DatasetRecord;
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
  checkOptionKeys('saveModel', options, ['dataset', 'includeOptimizer'] satisfies (keyof SaveModelOptions)[]);
  model.ensureWeights();
  const params = model.params();
  const optimizer = (options.includeOptimizer ?? true) && model.optimizer && model.optimizer.iterations > 0 ? model.optimizer.getWeights() : [];
  const { manifest, data } = encodeWeights(params, 'weights.bin', optimizer);
  const version = noisenetVersion();
  const files: DataFile[] = [{ base: 'weights', ext: '.bin', data }, ...(extras?.files ?? [])];
  await commitModelFolder(dir, files, (names) => {
    manifest[0]!.paths = [names[0]!];
    const extraNames = Object.fromEntries((extras?.files ?? []).map((f, i) => [f.base, names[i + 1]!]));
    const json: ModelJson = {
      format: 'layers-model',
      generatedBy: `noisenet ${version}`,
      convertedBy: null,
      modelTopology: toTfjsTopology(model, version),
      weightsManifest: manifest,
      noisenet: {
        formatVersion: FORMAT_VERSION,
        model: model.getConfig(),
        training: trainingConfig(model),
        ...(options.dataset ? { dataset: options.dataset } : {}),
        ...(extras ? { files: extraNames, ...extras.section(extraNames) } : {}),
      },
    };
    return JSON.stringify(json);
  });
}

function trainingConfig(model: Sequential): TrainingConfig | null {
  if (!model.loss || !model.optimizer) return null;
  return {
    loss: { name: model.loss.name, config: model.loss.getConfig() },
    optimizer: { className: model.optimizer.className, config: model.optimizer.getConfig() },
    metrics: [...model.metrics],
  };
}
