/** The datasets `loadDataset` knows by name. */

/** The dataset names `loadDataset` accepts. */
export const DATASET_NAMES = ['mnist', 'fashion-mnist', 'mnist-mini'] as const;

/** One of {@link DATASET_NAMES}. */
export type DatasetName = (typeof DATASET_NAMES)[number];

/** Whether `name` is one of {@link DATASET_NAMES}. */
export function isDatasetName(name: string): name is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(name);
}
