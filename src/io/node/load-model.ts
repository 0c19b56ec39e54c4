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
import { FORMAT_VERSION, MODEL_FILE, type NoisenetSection, type TrainingConfig } from '../model-json.js';
import { fromTfjsTopology } from '../tfjs-topology.js';
import { readWeights } from '../weights.js';
import { weightFilesIn } from './weight-files.js';

export interface LoadModelOptions {
  /** Backend the loaded model uses; default the registry's current one. */
  backend?: Backend;
}

/**
 * Rebuilds the model saved in `dir` with its weights, compiled as it was saved when the folder
 * records it (`noisenet.training`, or a TF.js `trainingConfig` noisenet understands).
 * @throws ModelFileError naming the path: a missing `model.json` or weights file, invalid JSON,
 *   an unknown layer class, weights whose names, shapes or byte length do not match.
 */
export async function loadModel(dir: string, options: LoadModelOptions = {}): Promise<Sequential> {
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
  const model = build(spec, options, fail);
  const weights = await readWeights(weightFilesIn(dir), json['weightsManifest'], model.weights(), path);
  model.setWeights(weights);
  const training = ours ? ours.training : tfjsTraining(json['trainingConfig']);
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
