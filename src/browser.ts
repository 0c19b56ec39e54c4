/**
 * noisenet for browsers: the core (everything `./index.js` exports) plus the browser adapters.
 * Built to `dist/browser/noisenet.js` with the kernels and the kernel worker beside it. Nothing
 * happens on import: `await useBrowserPlatform()` loads the WebAssembly kernels (and, in a Web
 * Worker of a cross-origin isolated page, starts the kernel workers) before models are built.
 */
export * from './index.js';
export {
  chooseBackend,
  useBackend,
  multiplyAddsPerSample,
  adapterFacts,
  describeAdapter,
  BACKEND_CHOICES,
  WEBGPU_MIN_MULTIPLY_ADDS,
  type BackendChoice,
  type ChosenBackend,
  type ChooseBackendOptions,
  type AdapterFacts,
  type MultiplyAddsModel,
} from './kernels/backend-choice.js';
export { useBrowserPlatform, type BrowserPlatformInfo, type BrowserPlatformOptions } from './kernels/browser/platform.js';
export { loadDatasetFromUrl, MNIST_MINI_FILES, type UrlDatasetOptions } from './data/browser/load-dataset.js';
export { loadDataFromFiles, imageFoldersFromFiles, type FileLike, type FilesDataOptions } from './data/browser/load-files.js';
export { modelFiles, loadModelFromFiles, type NamedBlob } from './io/browser/model-files.js';
export { downloadModel, downloadFiles } from './io/browser/downloads.js';
export { saveModelToIndexedDB, loadModelFromIndexedDB, listModelsInIndexedDB, deleteModelFromIndexedDB } from './io/browser/indexeddb.js';
