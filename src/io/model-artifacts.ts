/**
 * A model as the two parts of a TF.js layers-model, in memory: the `model.json` object and the
 * weights' bytes. Files (`node/`), browser storage and downloads (`browser/`) store these.
 */
import type { Backend } from '../kernels/backend.js';
import type { LayerSpec } from './tfjs-topology.js';
import type { Sequential } from '../models/sequential.js';
import { ModelSpecError, buildModel } from '../models/model-spec.js';
import { getLoss } from '../losses/index.js';
import { getOptimizer } from '../optimizers/index.js';
import { ModelFileError } from '../errors.js';
import type { DatasetRecord } from '../data/dataset-record.js';
import { FORMAT_VERSION, WEIGHTS_FILE, type ModelJson, type NoisenetSection, type TrainingConfig } from './model-json.js';
import { fromTfjsTopology, toTfjsTopology } from './tfjs-topology.js';
import { noisenetVersion } from './version.js';
import { encodeWeights, readWeights, type WeightFiles } from './weights.js';

export interface LoadModelOptions {
  /** Backend the loaded model uses; default the registry's current one. */
  backend?: Backend;
}

/** `model.json` and the contents of its one weights file. */
export interface ModelArtifacts {
  json: ModelJson;
  /** Little-endian float32 values of every weight, in the manifest's order. */
  weights: Uint8Array;
}

/**
 * The model as TF.js layers-model artifacts, its weights manifest naming `weightsPath` (default
 * `weights.bin`), with the dataset it was trained on when given. Weights never initialised are
 * initialised first. Optimizer state is not saved.
 */
export function modelArtifacts(model: Sequential, weightsPath: string = WEIGHTS_FILE, dataset?: DatasetRecord): ModelArtifacts {
  model.ensureWeights();
  const { manifest, data } = encodeWeights(model.weights(), weightsPath);
  const version = noisenetVersion();
  const json: ModelJson = {
    format: 'layers-model',
    generatedBy: `noisenet ${version}`,
    convertedBy: null,
    modelTopology: toTfjsTopology(model, version),
    weightsManifest: manifest,
    noisenet: { formatVersion: FORMAT_VERSION, model: model.getConfig(), training: trainingConfig(model), ...(dataset ? { dataset } : {}) },
  };
  return { json, weights: data };
}

/**
 * Rebuilds a model from a parsed `model.json` and its weight files: noisenet's own layer configs
 * when the `noisenet` key is present, else the TF.js topology, compiled as it was saved when the
 * JSON records it (`noisenet.training`, or a TF.js `trainingConfig` noisenet understands).
 * @param where the JSON's name, for messages (a path, a storage key).
 * @throws ModelFileError naming `where`: not a JSON object, an unknown layer class, weights whose
 *   names, shapes or byte length do not match, a missing weights file.
 */
export async function modelFromArtifacts(json: unknown, files: WeightFiles, where: string, options: LoadModelOptions = {}): Promise<Sequential> {
  const fail = (reason: string): ModelFileError => new ModelFileError(`${where}: ${reason}`);
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw fail(`expected a JSON object, found ${Array.isArray(json) ? 'a list' : typeof json}`);
  const o = json as Record<string, unknown>;
  if (o['format'] !== undefined && o['format'] !== 'layers-model') throw fail(`format must be "layers-model", found ${JSON.stringify(o['format'])}`);
  const ours = o['noisenet'] as Partial<NoisenetSection> | undefined;
  if (ours && typeof ours.formatVersion === 'number' && ours.formatVersion > FORMAT_VERSION) {
    throw fail(`written by a newer noisenet (format version ${ours.formatVersion}, this one reads up to ${FORMAT_VERSION})`);
  }
  let spec: { name: string | undefined; layers: LayerSpec[] };
  try {
    spec = ours?.model ? checkSpec(ours.model) : fromTfjsTopology(o['modelTopology']);
  } catch (err) {
    throw fail((err as Error).message);
  }
  const model = build(spec, options, fail);
  const weights = await readWeights(files, o['weightsManifest'], model.weights(), where);
  model.setWeights(weights);
  const training = ours ? ours.training : tfjsTraining(o['trainingConfig']);
  if (training) {
    try {
      model.compile({
        optimizer: getOptimizer(training.optimizer.className, training.optimizer.config),
        loss: getLoss(training.loss.name, training.loss.config),
        metrics: training.metrics,
      });
    } catch (err) {
      throw fail(`cannot restore the compile settings: ${(err as Error).message}`);
    }
  }
  return model;
}

function trainingConfig(model: Sequential): TrainingConfig | null {
  if (!model.loss || !model.optimizer) return null;
  return {
    loss: { name: model.loss.name, config: model.loss.getConfig() },
    optimizer: { className: model.optimizer.className, config: model.optimizer.getConfig() },
    metrics: [...model.metrics],
  };
}

function checkSpec(model: { name?: unknown; layers?: unknown }): { name: string | undefined; layers: LayerSpec[] } {
  if (!Array.isArray(model.layers)) throw new Error('noisenet.model.layers must be a list');
  model.layers.forEach((l: Partial<LayerSpec> | null, i) => {
    if (!l || typeof l.className !== 'string' || !l.config || typeof l.config !== 'object') throw new Error(`noisenet.model.layers[${i}] must be {className, config}`);
  });
  return { name: typeof model.name === 'string' ? model.name : undefined, layers: model.layers as LayerSpec[] };
}

/** The model of the saved spec, through the one model builder. */
function build(spec: { name: string | undefined; layers: LayerSpec[] }, options: LoadModelOptions, fail: (reason: string) => ModelFileError): Sequential {
  try {
    return buildModel({ ...(spec.name === undefined ? {} : { name: spec.name }), layers: spec.layers }, options.backend ? { backend: options.backend } : {});
  } catch (err) {
    throw fail(err instanceof ModelSpecError ? err.reason : (err as Error).message);
  }
}

/** noisenet's compile settings from a TF.js `trainingConfig`, or null when it has none or uses what noisenet lacks. */
function tfjsTraining(raw: unknown): TrainingConfig | null {
  const t = raw as { loss?: unknown; metrics?: unknown; optimizer_config?: { class_name?: unknown; config?: Record<string, unknown> } } | undefined;
  if (!t || typeof t.loss !== 'string' || typeof t.optimizer_config?.class_name !== 'string') return null;
  const cfg = t.optimizer_config.config ?? {};
  const lr = cfg['learning_rate'] ?? cfg['learningRate'] ?? cfg['lr'];
  const optimizer = t.optimizer_config.class_name.toLowerCase();
  if (optimizer !== 'adam' && optimizer !== 'sgd') return null;
  const metrics = Array.isArray(t.metrics) ? t.metrics.filter((m): m is string => m === 'accuracy' || m === 'acc') : [];
  try {
    getLoss(t.loss);
  } catch {
    return null;
  }
  return { loss: { name: t.loss, config: {} }, optimizer: { className: optimizer, config: typeof lr === 'number' ? { learningRate: lr } : {} }, metrics };
}
