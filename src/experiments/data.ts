/**
 * The data of an experiment, loaded by name with the Node loaders (files, cache, downloads); the
 * choice of the training and validation sets is `experiment-data.ts`.
 */
import { loadDataset, type DatasetName } from '../data/node/load-dataset.js';
import type { ExperimentConfig } from './config.js';
import { experimentData, type ExperimentData } from './experiment-data.js';

export { experimentData, type ExperimentData, type LabeledSet } from './experiment-data.js';

/** Loads `config.dataset` (from `config.dataDir` when given) and picks the experiment's sets. */
export async function loadExperimentData(config: ExperimentConfig): Promise<ExperimentData> {
  const dataset = await loadDataset(config.dataset as DatasetName, {
    seed: config.dataSeed,
    ...(config.dataDir === undefined ? {} : { dataDir: config.dataDir }),
  });
  return experimentData(dataset, config);
}
