/** The layout of a saved model folder: a TF.js layers-model plus noisenet's own `noisenet` key. */
import type { LayerSpec } from './tfjs-topology.js';
import type { WeightGroup } from './weights.js';
import type { DatasetRecord } from '../data/dataset-record.js';
import type { LoadedDataRecord } from '../data/loaded-data-record.js';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';
/** Bumped when the `noisenet` key changes incompatibly. */
export const FORMAT_VERSION = 1;

/** What `compile` was given, enough to evaluate a loaded model without compiling it again. */
export interface TrainingConfig {
  loss: { name: string; config: Record<string, unknown> };
  optimizer: { className: string; config: Record<string, unknown> };
  metrics: string[];
}

/** noisenet's faithful copy of the model: every layer's className and getConfig(). */
export interface NoisenetSection {
  formatVersion: number;
  model: { name: string; layers: LayerSpec[] };
  training: TrainingConfig | null;
  /** Data files besides the weights manifest's, by role (a checkpoint's `best` weights). */
  files?: Record<string, string>;
  /** A training checkpoint's state (see src/train/checkpoint.ts), when the folder is one. */
  checkpoint?: unknown;
  /** What the model was trained on, when the saver knew it (`saveModel(model, dir, { dataset })`). */
  dataset?: DatasetRecord;
  /** The user's own data the model was trained on (`saveModel(model, dir, { data })`): its classes, shape, preprocessing and digest, and how it was read. */
  data?: LoadedDataRecord;
}

/** `model.json` as noisenet writes it. */
export interface ModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: Record<string, unknown>;
  weightsManifest: WeightGroup[];
  noisenet: NoisenetSection;
}
