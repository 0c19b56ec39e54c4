/**
 * noisenet for Node.js: the core (everything `./index.js` exports) plus the Node adapters.
 * Importing it registers the Node platform with the backend registry (the wasm kernels read
 * from the package, a worker_threads pool) and makes `process.stdout` the default text output
 * (`progbarLogger()`); no backend is created and no worker started until a model needs one.
 */
import { useNodePlatform } from './kernels/node/platform.js';
import { useProcessStdout } from './callbacks/node/standard-output.js';

export * from './index.js';
export { useNodePlatform } from './kernels/node/platform.js';
export { useProcessStdout } from './callbacks/node/standard-output.js';
export { saveModel, loadModel, writeHistory, readModelDataset, type LoadModelOptions, type SaveModelOptions } from './io/node/index.js';
export { checkpointFolder } from './callbacks/node/checkpoint-folder.js';
// The checkpoint callbacks with their file storage (the core's take a storage or a save function).
export { backupAndRestore, modelCheckpoint, type NodeBackupAndRestoreOptions, type NodeModelCheckpointOptions } from './callbacks/node/index.js';
export { loadDataset, type LoadDatasetOptions, readIdxFile, loadImageSplit } from './data/node/index.js';
export { loadData, type LoadDataOptions, readImageFolder } from './data/node/index.js';
export * from './sweep/node/index.js';
// WebGPU in Node, from the optional package webgpu (Dawn's bindings): pass gpu and adapter to createWebGpuBackend.
export { nodeWebGpu, type NodeWebGpu, type NodeWebGpuOptions } from './kernels/webgpu/node/index.js';
export { createWebGpuBackend, type WebGpuBackendOptions } from './kernels/webgpu/index.js';

useNodePlatform();
useProcessStdout();
