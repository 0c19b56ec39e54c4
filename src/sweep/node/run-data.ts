/** The data of a sweep run, loaded once per dataset and subset in a process and reused by its later runs. */
import type { Dataset } from '../../data/types.js';
import type { LoadedData } from '../../data/loaded-data.js';
import { loadDataset, type DatasetName } from '../../data/node/load-dataset.js';
import { experimentData, loadOwnData, type ExperimentData } from '../../experiments/data.js';
import { ownDataName, ownExperimentData } from '../../experiments/own-data.js';
import type { SweepRunSettings } from '../plan.js';

const datasets = new Map<string, Promise<Dataset | LoadedData>>();
const subsets = new Map<string, ExperimentData>();

/**
 * The training and validation sets of `settings` (dataset, dataDir, dataSeed, trainSize, valSize;
 * or `data`, the user's own data, read at its path and refused when its SHA-256 differs).
 */
export async function runData(settings: SweepRunSettings): Promise<ExperimentData> {
  const own = settings.data;
  const key = JSON.stringify([settings.dataset, settings.dataDir ?? null, own ?? null, settings.dataSeed]);
  let dataset = datasets.get(key);
  if (!dataset) {
    dataset = own !== undefined
      ? loadOwnData(own, settings.dataSeed)
      : loadDataset(settings.dataset as DatasetName, { seed: settings.dataSeed, ...(settings.dataDir === undefined ? {} : { dataDir: settings.dataDir }) });
    datasets.set(key, dataset);
    dataset.catch(() => datasets.delete(key)); // a failed load is tried again by the next run
  }
  const loaded = await dataset;
  const subKey = JSON.stringify([key, settings.trainSize ?? null, settings.valSize ?? null]);
  let data = subsets.get(subKey);
  if (!data) {
    data = own !== undefined ? ownExperimentData(loaded as LoadedData, ownDataName(own.path), settings) : experimentData(loaded as Dataset, settings);
    subsets.set(subKey, data);
  }
  return data;
}
