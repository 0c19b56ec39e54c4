/**
 * Loads a TensorFlow.js layers-model folder: noisenet's own layer configs when the `noisenet`
 * key is present, else the tfjs topology, so folders written by TF.js load too.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Backend } from '../../kernels/backend.js';
import type { LayerSpec } from '../tfjs-topology.js';
import type { Sequential } from '../../models/sequential.js';
import { ModelSpecError, buildModel } from '../../models/model-spec.js';
import { getLoss } from '../../losses/index.js';
import { getOptimizer } from '../../optimizers/index.js';
import { ModelFileError } from '../../errors.js';
import { checkOptionKeys } from '../../schema/option-keys.js';
import { FORMAT_VERSION, MODEL_FILE, type NoisenetSection } from '../model-json.js';
import { fromTfjsTopology } from '../tfjs-topology.js';
import { DEFAULT_MAX_WEIGHT_BYTES, OPTIMIZER_PREFIX, checkWeights, readWeights } from '../weights.js';
import { trainingFromTfjs } from '../tfjs-training.js';
import { plannedWeights } from '../planned-weights.js';
import { weightFilesIn } from './weight-files.js';

export interface LoadModelOptions {
  /** Called with one line naming what a TF.js model carries that noisenet does not keep; default `console.warn`. */
  warn?: (message: string) => void;
  /** Backend the loaded model uses; default the registry's current one. */
  backend?: Backend;
  /** Refuse models whose weights manifest declares more bytes than this (checked before reading or allocating); default 1 GiB. */
  maxBytes?: number;
}

/**
 * Rebuilds the model saved in `dir` with its weights, compiled as it was saved when the folder
 * records it (`noisenet.training`, or a TF.js `trainingConfig` noisenet understands).
 * @throws ModelFileError naming the path: a missing `model.json` or weights file, invalid JSON,
 *   an unknown layer class, weights whose names, shapes or byte length do not match.
 */
export async function loadModel(dir: string, options: LoadModelOptions = {}): Promise<Sequential> {
  checkOptionKeys('loadModel', options, ['backend', 'maxBytes', 'warn'] satisfies (keyof LoadModelOptions)[]);
  const path = join(dir, MODEL_FILE);
  const json = await readJson(path);
  const fail = (reason: string): ModelFileError => new ModelFileError(`${path}: ${reason}`);
  if (json['format'] !== undefined && json['format'] !== 'layers-model') throw fail(`format must be "layers-model", found ${JSON.stringify(json['format'])}`);
  const ours = json['noisenet'] as Partial<NoisenetSection> | undefined;
  if (ours && typeof ours.formatVersion === 'number' && ours.formatVersion > FORMAT_VERSION) {
    throw fail(`written by a newer noisenet (format version ${ours.formatVersion}, this one reads up to ${FORMAT_VERSION})`);
  }
  let spec: { name: string | undefined; layers: LayerSpec[] };
  try {
    spec = ours?.model ? checkSpec(ours.model) : fromTfjsTopology(json['modelTopology']);
  } catch (err) {
    throw fail((err as Error).message);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_WEIGHT_BYTES;
  const warn = options.warn ?? ((m: string) => console.warn(m));
  // Names, shapes and sizes are checked against the manifest before the model allocates anything.
  checkWeights(json['weightsManifest'], plannedWeights((backend) => build(spec, { backend }, fail)), path, maxBytes);
  const model = build(spec, options, fail);
  const { weights, optimizer } = await readWeights(weightFilesIn(dir), json['weightsManifest'], model.params(), path, maxBytes);
  model.setWeights(weights);
  const fromTfjs = ours ? null : trainingFromTfjs(json['trainingConfig'], knownLoss);
  const training = ours ? ours.training : fromTfjs!.training;
  const notes = fromTfjs?.notes ?? [];
  const foreignState = countForeignOptimizerWeights(json['weightsManifest']);
  if (foreignState > 0) notes.push(`its TF.js optimizer state (${foreignState} weights) is not restored: training continues with fresh optimizer slots`);
  if (notes.length > 0) warn(`loadModel: ${path}: ${notes.join('; ')}`);
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

async function readJson(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ModelFileError(code === 'ENOENT' ? `${path}: file not found` : `${path}: cannot read (${code ?? (err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelFileError(`${path}: invalid JSON (${(err as Error).message})`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new ModelFileError(`${path}: expected a JSON object, found ${Array.isArray(json) ? 'a list' : typeof json}`);
  return json as Record<string, unknown>;
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
