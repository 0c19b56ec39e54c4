/** Model and history files in Node: save and load model folders, write history files, atomically. */
export { saveModel, type SaveModelOptions } from './save-model.js';
export { readModelDataset } from './model-dataset.js';
export { loadModel, type LoadModelOptions } from './load-model.js';
export { writeHistory } from './history-files.js';
export { writeFilesAtomic, type FileContents } from './atomic-write.js';
export { weightFilesIn } from './weight-files.js';
