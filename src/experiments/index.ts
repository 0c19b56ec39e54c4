/**
 * Experiments: comparing noise configurations over seeds (`runExperiment`, `summarizeRuns`),
 * robustness to test-time noise, randomized-smoothing certification, and their statistics.
 */
export { runExperiment, type RunExperimentOptions } from './node/runner.js';
export { type RunFactory, type RunContext, type FactoryRun } from './run-factory.js';
export { trainOneRun, runTargets, measureRobustness, type RunToTrain, type TrainOneRunSettings, type TrainOneRunOptions, type TrainedRun } from './train-one-run.js';
export { prepareOutDir } from './node/out-dir.js';
export { specRunFactory, validateNoiseSpec, type SpecRunFactoryOptions } from './spec-run-factory.js';
export { CONFIG_DEFAULTS, ExperimentConfigError, type ConfigurationSpec, type ExperimentConfig, type RobustnessSettings } from './config.js';
export { parseExperimentConfig, experimentConfigJson, configJson, type ParseConfigOptions } from './config-parse.js';
export { readExperimentConfig, readExperimentConfigJson } from './node/read-config.js';
export { experimentData, loadExperimentData, type ExperimentData, type LabeledSet } from './data.js';
export {
  RESULTS_FILE, RUNS_DIR, REPORT_FILE, CHARTS_DIR, RESULTS_FORMAT, RESULTS_VERSION,
  bestEpoch, withGap, runCsv, runCsvName,
  type ExperimentResults, type RunRecord,
} from './results.js';
export { writeResults, machineInfo } from './node/write-results.js';
export { summarizeRuns, meanSd, finalValue, type SummaryRow, type MeanSd, type Difference } from './summary.js';
export { verdict, verdictParagraph, differenceSide, type VerdictLine, type DifferenceSide } from './verdict.js';
export { robustnessCards, CARD_METRICS, CARD_KEYS, type CardMetric, type CardKey, type CardEntry, type RobustnessCard, type RunCardValues } from './robustness-card.js';
export { ExperimentProgressBar, formatExperimentProgress, formatDuration, type ExperimentProgress, type ExperimentProgressBarOptions } from './progress.js';
export { formatSummaryTable, formatRobustnessTable, formatRobustnessSummaryTable, formatCertifyTable, formatMeanSd, formatDifference, textTable, summaryHeading, robustnessHeading, BEST_EPOCH_NOTE } from './format.js';
export { robustnessCurve, DEFAULT_STDDEVS, type RobustnessOptions, type RobustnessPoint } from './robustness.js';
export { adversarialCurve, DEFAULT_EPSILONS, type AdversarialCurveOptions, type AdversarialCurve, type AdversarialPoint } from './adversarial.js';
export type { ClipRange } from './noisy-batches.js';
export { ABSTAIN, certify, smoothedPredict, noiseCounts, type SmoothingOptions, type Certificate } from './smoothing.js';
export { certifyDataset, certifiedAccuracy, DEFAULT_RADII, type CertifyDatasetOptions, type CertifyReport, type CertifiedSample } from './certify-dataset.js';
export {
  mean, sampleSd, sampleVariance, studentTQuantile, studentTCdf, meanInterval, welchInterval, welchIntervalFromMoments,
  clopperPearsonLower, binomialTestHalf, binomialUpperTail, normalCdf, normalQuantile, type Interval,
} from './stats.js';
