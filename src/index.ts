/**
 * noisenet: train neural networks with noise injection to reduce overfitting.
 * The public API, Keras-like: layers, models, losses, optimizers, callbacks, data.
 */
export { sequential, Sequential, type SequentialOptions, type CompileOptions } from './models/sequential.js';
export { input, InputLayer, type InputOptions } from './layers/input.js';
export { dense, Dense, type DenseOptions } from './layers/dense.js';
export { Layer, type Param, type LayerConfig, type StepContext } from './layers/layer.js';
export { registerLayer, layerFromConfig } from './layers/registry.js';
export { gaussianNoise, GaussianNoise, type GaussianNoiseOptions } from './noise/gaussian-noise.js';
export { NoiseLayer } from './noise/noise-layer.js';
export { adam, Adam, type AdamOptions } from './optimizers/adam.js';
export { sgd, SGD, type SgdOptions } from './optimizers/sgd.js';
export { Optimizer } from './optimizers/optimizer.js';
export { sparseCategoricalCrossentropy, categoricalCrossentropy, meanSquaredError, getLoss, type Loss, type LossName } from './losses/index.js';
export { History } from './callbacks/history.js';
export { earlyStopping, EarlyStopping, type EarlyStoppingOptions } from './callbacks/early-stopping.js';
export type { Callback, Logs, FitParams } from './callbacks/callback.js';
export type { FitOptions } from './train/fit.js';
export type { EvaluateOptions, EvaluateResult } from './train/evaluate.js';
export { Tensor, tensor, imagesOf, labelsOf, type TensorData } from './tensor/tensor.js';
export { getBackend, setBackend, createBackend, registerBackend, backendNames } from './kernels/registry.js';
export type { Backend, FloatArray, Activation } from './kernels/backend.js';
export * from './errors.js';
export { saveModel, loadModel, writeHistory, registerTfjsConverter, type LoadModelOptions, type HistoryLike, type TfjsLayerConverter } from './io/index.js';
export { progbarLogger, ProgbarLogger, type ProgbarLoggerOptions } from './callbacks/progbar-logger.js';
export { loadDataset, DATASET_NAMES, type DatasetName, type LoadDatasetOptions, OfflineError, subsetSplit, readIdxFile, parseIdx, loadImageSplit } from './data/index.js';
export type { Dataset, ImageSplit } from './data/types.js';
