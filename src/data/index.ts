/**
 * The data module's web-standard core: IDX parsing, datasets from bytes, sample selection.
 * File access, the cache folder, downloads and checksums are in `./node/index.ts`.
 */
export type { Dataset, ImageSplit } from './types.js';
export { DATASET_NAMES, type DatasetName, isDatasetName } from './dataset-names.js';
export { OfflineError } from './offline-error.js';
export { type IdxFile, type IdxParseOptions, IDX_UBYTE, MAX_IDX_BYTES, encodeIdx, isGzip, parseIdx, parseIdxAsync } from './idx.js';
export { type IdxDatasetBytes, type SplitFileNames, idxDatasetFromBytes, imageSplitFromIdx, parseImageSplit } from './image-split.js';
export { selectSamples, subsetSplit } from './subset-split.js';
export { type IndexSplit, stratifiedSplit } from './stratified-split.js';
export { type Uniform, mulberry32, seededShuffle } from './seeded-shuffle.js';
export type { Checksum, IdxDatasetSpec, IdxFileSpec } from './datasets/idx-spec.js';
export { MNIST } from './datasets/mnist.js';
export { FASHION_MNIST, FASHION_MNIST_SYSTEM_DIR } from './datasets/fashion-mnist.js';
export { MNIST_MINI_TEST_FRACTION, mnistDigitsSplit, splitMnistMini } from './datasets/mnist-mini.js';
