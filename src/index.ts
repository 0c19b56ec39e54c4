/**
 * noisenet: train neural networks with noise injection to reduce overfitting.
 * The core API, Keras-like: layers, models, losses, optimizers, callbacks. It uses web-standard
 * APIs only and runs in any JavaScript runtime; `./node.ts` adds the Node adapters (files,
 * datasets, worker threads).
 */
export { sequential, Sequential, type SequentialOptions, type CompileOptions } from './models/sequential.js';
export { Model, type ModelGraph } from './models/model.js';
export { model, type FunctionalOptions } from './models/functional.js';
export { input, InputLayer, type InputOptions } from './layers/input.js';
export { dense, Dense, type DenseOptions } from './layers/dense.js';
export { Layer, type Param, type Weight, type LayerConfig } from './parts/layer.js';
export type { StepContext } from './step/step-context.js';
// Convolutional networks (NHWC images) and the layers between them.
export { conv2d, Conv2D, type Conv2DOptions } from './layers/conv2d.js';
export { maxPooling2d, MaxPooling2D } from './layers/max-pooling2d.js';
export { averagePooling2d, AveragePooling2D } from './layers/average-pooling2d.js';
export { Pooling2D, type Pooling2DOptions } from './layers/pooling2d.js';
export { globalAveragePooling2d, GlobalAveragePooling2D, type GlobalAveragePooling2DOptions } from './layers/global-average-pooling2d.js';
export { flatten, Flatten, type FlattenOptions } from './layers/flatten.js';
export { reshape, Reshape, type ReshapeOptions } from './layers/reshape.js';
export { batchNormalization, BatchNormalization, type BatchNormalizationOptions } from './layers/batch-normalization.js';
export { activation, Activation as ActivationLayer, KernelActivation, type ActivationOptions } from './layers/activation.js'; // the class; `Activation` is the type of activation names
export { relu, ReLU, type ReLUOptions } from './layers/relu.js';
export { leakyRelu, LeakyReLU, type LeakyReLUOptions } from './layers/leaky-relu.js';
export { softmax, Softmax, type SoftmaxOptions } from './layers/softmax.js';
export { PADDINGS, type Padding, type Conv2dGeometry, type Pool2dGeometry } from './kernels/window-geometry.js';
export { rescaling, Rescaling, type RescalingOptions } from './layers/rescaling.js';
export { normalization, Normalization, type NormalizationOptions, NORMALIZATION_EPSILON } from './layers/normalization.js';
export { add, multiply, average, Add, Multiply, Average, ElementwiseMerge, type MergeOptions } from './layers/merge.js';
export { concatenate, Concatenate, type ConcatenateOptions } from './layers/concatenate.js';
export { MergeLayer } from './parts/merge-layer.js';
export { registerLayer, layerFromConfig, findLayer, findOptimizer, findAugmentation, optimizerFromConfig, augmentationFromConfig } from './registry/lookup.js';
export { defineLayer, defineAugmentation, defineOptimizer, type LayerDefinition, type AugmentationDefinition, type OptimizerDefinition, type TechniqueDefinition, type LayerSpec, type TfjsMapping } from './parts/definitions.js';
export { LAYER_DEFINITIONS, AUGMENTATION_DEFINITIONS, OPTIMIZER_DEFINITIONS, RUN_OPTIMIZER_DEFINITIONS, TECHNIQUE_DEFINITIONS, type OptimizerName } from './registry/catalogue.js';
export * as fields from './schema/fields.js';
export type { Schema, Field } from './schema/fields.js';
export { parseOptions } from './schema/parse-options.js';
// Models as data and the one run builder.
export { buildModel, checkModelSpec, ModelSpecError, type ModelSpec } from './models/model-spec.js';
export { presetSpec, MODEL_PRESETS, withOwnNoiseName, type PresetOptions } from './models/presets.js';
export { buildRun, baseModelSpec, PRESET_NOISE, splitPresetNoise, type BuiltRun, type ModelSettings, type PresetNoise } from './run/build-run.js';
export { RUN_DEFAULTS, type RunSettings, type DataShape } from './run/run-settings.js';
export { runFields, runField, OPTIMIZER_NAMES, METRIC_NAMES, type RunField, type RunFieldGroup } from './run/run-schema.js';
export { describeOptimizer, runOptimizerConfig } from './run/run-optimizer.js';
export type { Trainable, Compiled } from './train/trainable.js';
export { adam, Adam, type AdamOptions } from './optimizers/adam.js';
export { sgd, SGD, type SgdOptions } from './optimizers/sgd.js';
export { rmsprop, RMSprop, type RmspropOptions } from './optimizers/rmsprop.js';
export { adamw, AdamW, type AdamwOptions } from './optimizers/adamw.js';
export { Optimizer } from './parts/optimizer.js';

// Noise layers (training only) and their schedules.
export { NoiseLayer, AdditiveNoise } from './noise/noise-layer.js';
export { gaussianNoise, GaussianNoise, type GaussianNoiseOptions } from './noise/gaussian-noise.js';
export { gaussianDropout, GaussianDropout, type GaussianDropoutOptions } from './noise/gaussian-dropout.js';
export { dropout, Dropout, type DropoutOptions } from './noise/dropout.js';
export { spatialDropout2d, SpatialDropout2D, type SpatialDropout2DOptions } from './noise/spatial-dropout2d.js';
export { dropPath, DropPath, type DropPathOptions } from './noise/drop-path.js';
export { shakeDrop, ShakeDrop, type ShakeDropOptions } from './noise/shake-drop.js';
export { shakeShake, ShakeShake, type ShakeShakeOptions } from './noise/shake-shake.js';
export { dropBlock2d, DropBlock2D, type DropBlock2DOptions } from './noise/drop-block2d.js';
export { alphaDropout, AlphaDropout, type AlphaDropoutOptions } from './noise/alpha-dropout.js';
export { maskingNoise, MaskingNoise, type MaskingNoiseOptions } from './noise/masking-noise.js';
export { saltAndPepper, SaltAndPepperNoise, type SaltAndPepperOptions } from './noise/salt-and-pepper.js';
export { uniformNoise, UniformNoise, type UniformNoiseOptions } from './noise/uniform-noise.js';
export { levelAt, SCHEDULES, SCHEDULE_UNITS, type NoiseLevel, type NoiseSchedule, type ScheduleKind, type ScheduleUnit } from './schema/noise-schedule.js';
// Weight noise and DropConnect are Dense options; gradient noise wraps an optimizer.
export type { WeightNoiseOptions, DropConnectOptions } from './layers/weight-perturbation.js';
export { gradientNoise, GradientNoise, type GradientNoiseOptions } from './optimizers/gradient-noise.js';

// Data-level and label noise, passed to fit({ augment }).
export type { Augmentation, AugmentContext, AugmentSetup, ConsistencyAugmentation } from './parts/augmentation.js';
export { mixup, Mixup, type MixupOptions } from './augment/mixup.js';
export { cutout, Cutout, type CutoutOptions } from './augment/cutout.js';
export { cutMix, CutMix, type CutMixOptions } from './augment/cut-mix.js';
export { randomErasing, RandomErasing, type RandomErasingOptions, type ErasedRect } from './augment/random-erasing.js';
export { randomAffine, RandomAffine, type RandomAffineOptions } from './augment/random-affine.js';
export { elastic, ElasticDistortion, type ElasticOptions } from './augment/elastic.js';
export { disturbLabel, DisturbLabel, type DisturbLabelOptions } from './augment/disturb-label.js';
export { randAugment, RandAugment, type RandAugmentOptions } from './augment/rand-augment.js';
export { trivialAugment, TrivialAugment, type TrivialAugmentOptions } from './augment/trivial-augment.js';
export { augmix, AugMix, type AugMixOptions } from './augment/augmix.js';
export { IMAGE_OPS } from './augment/ops/spaces.js';
export type { ImageOp, OpName } from './augment/ops/image-op.js';
export { jensenShannon } from './losses/jensen-shannon.js';
export { adversarial, Adversarial, type AdversarialOptions } from './augment/adversarial.js';
export { ATTACK_METHODS, ATTACK_NORMS, type AttackMethod, type AttackNorm, type AttackSettings, type AttackOptions, type ValueRange } from './augment/attack.js';
export { inputGradient } from './train/input-gradient.js';
export { adversarialCurve, DEFAULT_EPSILONS, type AdversarialCurveOptions, type AdversarialCurve, type AdversarialPoint } from './experiments/adversarial.js';

// The noise spec language and technique catalogue (the CLI's --noise).
export * from './techniques/index.js';
export { expandSpecSets, specValueSets, hasValueSet, type ExpandedSpec, type SpecValueSet } from './techniques/value-sets.js';

// Sweeps: search spaces, runs with stable ids, what a sweep found (running them: the Node entry).
export * from './sweep/index.js';

export { sparseCategoricalCrossentropy, categoricalCrossentropy, meanSquaredError, meanAbsoluteError, huber, binaryCrossentropy, getLoss, lossTask, type Loss, type LossName, type LossSpelling, type Task, type HuberOptions, type BinaryCrossentropyOptions, LOSS_NAMES, LOSS_DEFINITIONS } from './losses/index.js';
export { METRIC_DEFINITIONS, findMetric, createMetrics, taskMetrics, rocAuc, type MetricName } from './losses/metrics/index.js';
export type { Metric } from './parts/metric.js';
export { History } from './train/history.js';
export { earlyStopping, EarlyStopping, type EarlyStoppingOptions } from './callbacks/early-stopping.js';
export { backupAndRestore, BackupAndRestore, type BackupAndRestoreOptions } from './callbacks/backup-and-restore.js';
export { modelCheckpoint, ModelCheckpoint, type ModelCheckpointOptions } from './callbacks/model-checkpoint.js';
export type { CheckpointState, CheckpointStorage, RestoredWeights } from './callbacks/checkpoint.js';
export type { Callback, Logs, FitParams, CallbackState, ResumePoint } from './train/callback.js';
export type { FitOptions } from './train/fit.js';
export type { EvaluateOptions, EvaluateResult } from './train/evaluate.js';
export { Tensor, tensor, toTensor, type TensorData, type TensorLike } from './tensor/tensor.js';
export { imagesOf, labelsOf } from './data/split-tensors.js';
export { getBackend, setBackend, createBackend, registerBackend, backendNames, backendNotice, configureBackend, setWasmPlatform, type BackendOptions } from './kernels/registry.js';
export { loadWasmKernels, type WasmPlatform, type ThreadPool, type ThreadPoolFactory } from './kernels/wasm/index.js';
export type { Backend, FloatArray, Activation } from './kernels/backend.js';
export * from './errors.js';
export type { HistoryLike } from './io/index.js';
export { exportOnnx, ONNX_OPSET, type OnnxExportOptions } from './io/onnx/export.js';
export { ONNX_IDENTITY, type OnnxMapping, type OnnxGraph, type OnnxValue, type OnnxAttribute, type OnnxExportContext } from './parts/onnx.js';
export { modelArtifacts, modelFromArtifacts, type ModelArtifacts, type LoadModelOptions } from './io/model-artifacts.js';
export { progbarLogger, ProgbarLogger, type ProgbarLoggerOptions } from './callbacks/progbar-logger.js';
export { setStandardOutput, standardOutput, type TextOutput } from './callbacks/standard-output.js';
export { DATASET_NAMES, type DatasetName, OfflineError, subsetSplit, parseIdx, parseIdxAsync, type IdxFile, type IdxParseOptions } from './data/index.js';
export type { Dataset, ImageSplit } from './data/types.js';
export { datasetRecord, datasetDigest, type DatasetRecord } from './data/dataset-record.js';
// The user's own data: tables, image folders, NumPy arrays, IDX files of any image shape.
export {
  type LoadedData, type DataSplit, type DataTask, type DataKind, type CategoricalColumn, type ValidationSplitRecord,
  parseCsv, type CsvParseOptions, tableDataset, type TableOptions, type ColumnRef, type TableColumns, readTableFile, type TableFileOptions,
  parseNpy, parseNpyHeader, parseNpz, type NpyArray, type NpyDtype, arraysDataset, type ArrayNames,
  decodeImage, type DecodedImage, type DecodeImageOptions, readImageHeader, type ImageHeader, resizeBilinear,
  imageFolderDataset, type ImageClassFolder, type ImageFileSource, type ImageFolderOptions, idxData, type IdxPair,
  withValidationSplit, loadedDataRecord, loadedDataDigest, type LoadedDataRecord, splitTensors,
} from './data/own-data.js';
// Common corruptions (MNIST-C) and calibration: measuring a trained model beyond clean accuracy.
export { CORRUPTIONS, CORRUPTION_NAMES, findCorruption, parseCorruptionList } from './corruptions/catalogue.js';
export { MAX_SEVERITY, type Corruption, type CorruptionImage, type CorruptionContext } from './corruptions/corruption.js';
export { corruptImages, corruptSample, imageShapeOf, type CorruptOptions, type ImageShape } from './corruptions/corrupt-images.js';
export { previewGrid, type PreviewGrid } from './corruptions/preview-grid.js';
export { encodePng } from './data/encode-png.js';
export { corruptionRobustness, formatCorruptionTable, type CorruptionRobustnessOptions, type CorruptionRobustness, type CorruptionAccuracy } from './experiments/corruption-robustness.js';
export { calibration, evaluateCalibration, formatCalibration, CALIBRATION_BINS, type Calibration, type CalibrationBin, type CalibrationOptions } from './experiments/calibration.js';
export { measureCard, cardSettings, cardRows, CARD_CERTIFY, CARD_MEASURES, DEFAULT_CARD_SAMPLES, DEFAULT_CARD_EPS, parseCardMeasures, type CardMeasure, type CardSettings, type CardData, type MeasuredCard } from './experiments/run-card.js';
