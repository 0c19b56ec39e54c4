/**
 * A model as the two parts of a TF.js layers-model, in memory: the `model.json` object and the
 * weights' bytes. Files (`node/`), browser storage and downloads (`browser/`) store these.
 */
import type { Backend } from '../kernels/backend.js';
import type { LayerSpec } from './tfjs-topology.js';
import type { Sequential } from '../models/sequential.js';
import { ModelSpecError, buildModel } from '../models/model-spec.js';
import { getLoss } from '../losses/index.js';
import { getOptimizer } from '../registry/lookup.js';
import { ModelFileError } from '../errors.js';
import type { DatasetRecord } from '../data/dataset-record.js';
import { FORMAT_VERSION, WEIGHTS_FILE, type ModelJson, type NoisenetSection, type TrainingConfig } from './model-json.js';
import { fromTfjsTopology, toTfjsTopology } from './tfjs-topology.js';
import { noisenetVersion } from './version.js';
import { DEFAULT_MAX_WEIGHT_BYTES, OPTIMIZER_PREFIX, checkWeights, encodeWeights, readWeights, type WeightFiles } from './weights.js';
import { plannedWeights } from './planned-weights.js';
import { withCurrentWeightNames } from './legacy-weight-names.js';
import { trainingFromTfjs } from './tfjs-training.js';

export interface LoadModelOptions {
  /** Backend the loaded model uses; default the registry's current one. */
  backend?: Backend;
  /** Refuse models whose weights manifest declares more bytes than this (checked before reading or allocating); default 1 GiB. */
  maxBytes?: number;
  /** Called with one line naming what a TF.js model carries that noisenet does not keep; default `console.warn`. */
  warn?: (message: string) => void;
}

/** `model.json` and the contents of its one weights file. */
export interface ModelArtifacts {
  json: ModelJson;
  /** Little-endian float32 values of every weight, in the manifest's order. */
  weights: Uint8Array;
}

/**
 * The model as TF.js layers-model artifacts, its weights manifest naming `weightsPath` (default
 * `weights.bin`), with the dataset it was trained on when given, and the optimizer's state
 * (`optimizer.getWeights()`) in the manifest's `optimizer` group when given. Weights never
 * initialised are initialised first.
 */
export function modelArtifacts(model: Sequential, weightsPath: string = WEIGHTS_FILE, dataset?: DatasetRecord, optimizerState: readonly Float32Array[] = []): ModelArtifacts {
  model.ensureWeights();
  const { manifest, data } = encodeWeights(model.weights(), weightsPath, optimizerState);
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
 * noisenet's optimizer state in the manifest is restored, so `fit` continues where training
 * stopped. The JSON is untrusted: names, shapes and the total size are checked against a build
 * that allocates nothing before the model is built, and weight paths must stay in the folder.
 * @throws ModelFileError naming `where`: not a JSON object, an unknown layer class, weights whose
 *   names, shapes or byte length do not match, a size over `maxBytes`, a missing weights file.
 */
export async function modelFromArtifacts(json: unknown, files: WeightFiles, where: string, options: LoadModelOptions = {}): Promise<Sequential> {
  const fail = (reason: string): ModelFileError => new ModelFileError(`${where}: ${reason}`);
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw fail(`expected a JSON object, found ${json === null ? 'null' : Array.isArray(json) ? 'a list' : typeof json}`);
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
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_WEIGHT_BYTES;
  // eslint-disable-next-line no-console
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const manifest = withCurrentWeightNames(o['weightsManifest'], spec.layers);
  checkWeights(manifest, plannedWeights((backend) => build(spec, { backend }, fail)), where, maxBytes);
  const model = build(spec, options, fail);
  const { weights, optimizer } = await readWeights(files, manifest, model.weights(), where, maxBytes);
  model.setWeights(weights);
  const fromTfjs = ours ? null : trainingFromTfjs(o['trainingConfig'], knownLoss);
  const training = ours ? ours.training : fromTfjs!.training;
  const notes = fromTfjs?.notes ?? [];
  const foreignState = countForeignOptimizerWeights(manifest);
  if (foreignState > 0) notes.push(`its TF.js optimizer state (${foreignState} weights) is not restored: training continues with fresh optimizer slots`);
  if (notes.length > 0) warn(`loadModel: ${where}: ${notes.join('; ')}`);
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
    if (optimizer.length > 0) {
      try {
        model.optimizer!.build(model.params(), model.backend);
        model.optimizer!.setWeights(optimizer);
      } catch (err) {
        throw fail(`the optimizer state in the weights manifest does not fit the model: ${(err as Error).message}`);
      }
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

function knownLoss(name: string): boolean {
  try {
    getLoss(name);
    return true;
  } catch {
    return false;
  }
}

/** Optimizer weights of the manifest that noisenet did not write (TF.js' own names). */
function countForeignOptimizerWeights(manifest: unknown): number {
  const groups = Array.isArray(manifest) ? (manifest as { weights?: { name?: unknown; group?: unknown }[] }[]) : [];
  return groups.flatMap((g) => g.weights ?? []).filter((w) => w.group === 'optimizer' && !(typeof w.name === 'string' && w.name.startsWith(OPTIMIZER_PREFIX))).length;
}
