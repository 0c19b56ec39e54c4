/** The data module's public surface: datasets by name, IDX files, downloads, sample selection. */
export type { Dataset, ImageSplit } from './types.js';
export { DATASET_NAMES, type DatasetName, type LoadDatasetOptions, isDatasetName, loadDataset } from './load-dataset.js';
export { OfflineError } from './offline-error.js';
export { type IdxFile, IDX_UBYTE, encodeIdx, parseIdx, readIdxFile } from './idx.js';
export { loadImageSplit } from './load-image-split.js';
export { type Env, defaultCacheDir } from './cache-dir.js';
export { type Checksum, hashFile } from './checksum.js';
export { type DownloadProgress, type EnsureFileOptions, type EnsureFileResult, ensureFile } from './download.js';
export { selectSamples, subsetSplit } from './subset-split.js';
export { type IndexSplit, stratifiedSplit } from './stratified-split.js';
export { type Uniform, mulberry32, shuffleInPlace } from './seeded-shuffle.js';
export { type IdxDatasetSpec, type IdxFileSpec, type IdxLoadOptions, loadIdxDataset } from './datasets/idx-dataset.js';
export { MNIST } from './datasets/mnist.js';
export { FASHION_MNIST, FASHION_MNIST_SYSTEM_DIR } from './datasets/fashion-mnist.js';
export { MNIST_MINI_TEST_FRACTION, loadMnistMini, readMnistPackage } from './datasets/mnist-mini.js';
