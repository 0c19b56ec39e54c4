/**
 * The data of an experiment, loaded by name with the Node loaders (files, cache, downloads), or
 * the user's own data read from its path; the choice of the training and validation sets is
 * `experiment-data.ts` (`own-data.ts` for own data).
 */
import { DataFileError } from '../errors.js';
import { loadDataset, type DatasetName } from '../data/node/load-dataset.js';
import { loadData } from '../data/node/load-data.js';
import type { LoadedData } from '../data/loaded-data.js';
import { loadedDataDigest } from '../data/loaded-data-record.js';
import { ExperimentConfigError, type ExperimentConfig, type OwnDataConfig } from './config.js';
import { experimentData, type ExperimentData } from './experiment-data.js';
import { misappliedSetting, ownDataLoadOptions, ownDataName, ownExperimentData } from './own-data.js';

export { experimentData, type ExperimentData, type LabeledSet } from './experiment-data.js';

/** Loads `config.data` (the user's own data), else `config.dataset` (from `config.dataDir` when given), and picks the experiment's sets. */
export async function loadExperimentData(config: ExperimentConfig): Promise<ExperimentData> {
  if (config.data !== undefined) return ownExperimentData(await loadOwnData(config.data, config.dataSeed), ownDataName(config.data.path), config);
  const dataset = await loadDataset(config.dataset as DatasetName, {
    seed: config.dataSeed,
    ...(config.dataDir === undefined ? {} : { dataDir: config.dataDir }),
  });
  return experimentData(dataset, config);
}

/**
 * Reads the own data of `data` at its path, its validation split (if any) seeded by `seed`.
 * When `data.sha256` is set (a sweep's runs carry it), data that reads otherwise is refused:
 * a worker on another machine reads the data at the same path, so it must find the same data there.
 * @throws DataFileError naming the path when it cannot be read, or holds other data than `sha256`;
 *   ExperimentConfigError for a setting that does not apply to the data (a delimiter for images).
 */
export async function loadOwnData(data: OwnDataConfig, seed: number): Promise<LoadedData> {
  const loaded = await loadData(data.path, { ...ownDataLoadOptions(data), seed });
  const misapplied = misappliedSetting(loaded, data.path, data);
  if (misapplied) throw new ExperimentConfigError('config', `data.${misapplied.key}`, misapplied.reason);
  if (data.sha256 !== undefined) {
    const found = await loadedDataDigest(loaded);
    if (found !== data.sha256) {
      throw new DataFileError(`${data.path}: holds other data than the sweep was planned on (sha256 ${found.slice(0, 12)}…, expected ${data.sha256.slice(0, 12)}…); every worker reads the data at this same path: give it the same files there (a shared or copied folder)`);
    }
  }
  return loaded;
}
