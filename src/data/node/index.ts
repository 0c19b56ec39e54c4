/** The data module's Node adapters: datasets by name from files, the cache, downloads, checksums. */
export { type LoadDatasetOptions, loadDataset } from './load-dataset.js';
export { readIdxFile } from './idx-file.js';
export { loadImageSplit } from './load-image-split.js';
export { type Env, defaultCacheDir } from './cache-dir.js';
export { hashFile } from './checksum.js';
export { type DownloadProgress, type EnsureFileOptions, type EnsureFileResult, ensureFile } from './download.js';
export { type IdxLoadOptions, loadIdxDataset } from './idx-dataset.js';
export { loadMnistMini, readMnistMini, MNIST_MINI_DIR } from './mnist-mini.js';
export { mnistPackageDigitsDir, readMnistPackage } from './mnist-package.js';
export { type LoadDataOptions, loadData } from './load-data.js';
export { readImageFolder } from './read-image-folder.js';
