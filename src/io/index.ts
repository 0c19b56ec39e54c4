/** Model and history files: TensorFlow.js layers-model folders, Keras-style history.json / history.csv. */
export { saveModel } from './save-model.js';
export { loadModel, type LoadModelOptions } from './load-model.js';
export { writeHistory, historyJson, historyCsv, type HistoryLike } from './history-files.js';
export type { TfjsLayerJson, LayerSpec } from './tfjs-topology.js';
export { writeFilesAtomic, type FileContents } from './atomic-write.js';
export { MODEL_FILE, WEIGHTS_FILE, type ModelJson, type TrainingConfig } from './model-json.js';
