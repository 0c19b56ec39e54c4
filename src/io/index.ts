/**
 * Model and history formats: TensorFlow.js layers-model JSON and weights, Keras-style
 * history.json / history.csv contents. Reading and writing them as files: `./node/index.ts`.
 */
export { historyJson, historyCsv, type HistoryLike } from './history-files.js';
export type { TfjsLayerJson, LayerSpec } from './tfjs-topology.js';
export { MODEL_FILE, WEIGHTS_FILE, type ModelJson, type TrainingConfig } from './model-json.js';
export { encodeWeights, readWeights, type WeightFiles } from './weights.js';
