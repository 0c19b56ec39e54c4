/**
 * noisenet for Node.js: the core (everything `./index.js` exports) plus the Node adapters.
 * Importing it registers the Node platform with the backend registry (the wasm kernels read
 * from the package, a worker_threads pool); no backend is created and no worker started until
 * a model needs one.
 */
import { useNodePlatform } from './kernels/node/platform.js';

export * from './index.js';
export { useNodePlatform } from './kernels/node/platform.js';
export { saveModel, loadModel, writeHistory, type LoadModelOptions } from './io/node/index.js';
export { loadDataset, type LoadDatasetOptions, readIdxFile, loadImageSplit } from './data/node/index.js';
export * from './sweep/node/index.js';

useNodePlatform();
