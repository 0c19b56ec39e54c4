/**
 * Sweeps, the core: search spaces (value sets, level lists and ranges, models, training-set
 * sizes, seeded samples), their expansion into runs with stable ids, training one run from its
 * settings, and what a sweep found. Running sweeps (in child processes, over a queue): node/.
 */
export type { SweepConfig, SearchSpace, TechniqueAxis, ModelAxis, LevelRange } from './sweep-config.js';
export { parseSweepConfig } from './sweep-config-parse.js';
export { axisGroups, axisSpecs, axisTitle, rangeLevels, type SweepGroup } from './axis-levels.js';
export { planSweep, runSettings, sweepConfigHash, type PlannedRun, type SweepPlan, type SweepRunSettings } from './plan.js';
export { runId, canonicalJson, sha256Hex, RUN_ID_LENGTH } from './run-id.js';
export { trainSweepRun, type RunData, type RunProgress, type TrainSweepRunOptions } from './train-run.js';
export { SWEEP_FORMAT, SWEEP_VERSION, comparisonConfig, comparisonView, sweepSummary, type SweepResults, type SweepRunRecord, type SweepFailure } from './sweep-results.js';
export { techniqueCurves, bestConfiguration, formatBestLevels, type TechniqueCurve, type LevelPoint } from './sweep-analysis.js';
export { formatSweepProgress, SweepProgressBar, type SweepCounts, type SweepProgressBarOptions } from './sweep-progress.js';
