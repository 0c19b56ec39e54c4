/**
 * The loader shared by datasets published as four IDX files (MNIST, Fashion-MNIST): from a
 * folder the user names, else from a system folder, else from the cache, downloading what is missing.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { DataFileError } from '../../errors.js';
import type { IdxDatasetSpec } from '../datasets/idx-spec.js';
import type { Dataset } from '../types.js';
import { type Env, defaultCacheDir } from './cache-dir.js';
import { type DownloadProgress, ensureFile } from './download.js';
import { loadImageSplit } from './load-image-split.js';

export type { IdxDatasetSpec, IdxFileSpec } from '../datasets/idx-spec.js';

/** Options of {@link loadIdxDataset}, a subset of `loadDataset`'s plus the environment. */
export interface IdxLoadOptions {
  /** Read the four files from this folder only (gz or uncompressed), without checksums. */
  readonly dataDir?: string;
  /** The noisenet cache folder; the dataset goes into `<cacheDir>/<name>`. Default {@link defaultCacheDir}. */
  readonly cacheDir?: string;
  /** Base URLs that replace the spec's mirrors (the env mirror is still tried first). */
  readonly mirrors?: readonly string[];
  readonly onProgress?: (message: string) => void;
  /** Default `process.env`. */
  readonly env?: Env;
}

/**
 * Loads a four-file IDX dataset. Files found in `dataDir` or a system folder are only validated
 * as IDX; files in the cache must match their checksums, and missing ones are downloaded.
 * @throws DataFileError naming the path when a file is missing from `dataDir` or invalid.
 * @throws OfflineError when a file is neither cached nor downloadable (see its message for the fix).
 * @throws DownloadError when a download has the wrong checksum, or a cached file fails its
 *   checksum and cannot be downloaded again.
 */
export async function loadIdxDataset(spec: IdxDatasetSpec, options: IdxLoadOptions = {}): Promise<Dataset> {
  const { trainImages, trainLabels, testImages, testLabels } = spec.files;
  const specs = [trainImages, trainLabels, testImages, testLabels];
  if (options.dataDir !== undefined) {
    const paths: string[] = [];
    for (const f of specs) paths.push(await findInDir(options.dataDir, f.name)); // first missing file, in order
    return build(spec, paths, `data-dir ${options.dataDir}`);
  }
  for (const dir of spec.systemDirs ?? []) {
    const paths = await Promise.all(specs.map((f) => findInDir(dir, f.name).catch(() => undefined)));
    if (paths.every((p) => p !== undefined)) return build(spec, paths as string[], `system ${dir}`);
  }
  const env = options.env ?? process.env;
  const dir = join(options.cacheDir ?? defaultCacheDir(env), spec.name);
  const envMirror = spec.mirrorEnv === undefined ? undefined : env[spec.mirrorEnv];
  const bases = [...(envMirror ? [envMirror] : []), ...(options.mirrors ?? spec.mirrors)];
  const names = specs.map((f) => f.name).join(', ');
  const offlineHint = `to use ${spec.title} offline, put the four files (${names}) in a folder and pass it as ${DATA_DIR_OPTION}, or copy the .gz files into ${dir}`;
  const paths: string[] = [];
  for (const file of specs) {
    const uncompressed = join(dir, file.name.replace(/\.gz$/, ''));
    const twin = uncompressed !== join(dir, file.name) && (await exists(uncompressed));
    const result = await ensureFile({
      urls: bases.map((base) => joinUrl(base, file.name)),
      dest: join(dir, file.name),
      checksum: file.checksum,
      ...(file.bytes === undefined ? {} : { bytes: file.bytes }),
      ...(options.onProgress ? { onProgress: progressReporter(options.onProgress) } : {}),
      offlineHint: twin
        ? `${uncompressed} is uncompressed, but the cache holds the published .gz files (checked by their ${file.checksum.algorithm === 'sha256' ? 'SHA-256' : 'MD5'}): pass ${dir} as ${DATA_DIR_OPTION} to read the four files as they are, or copy the .gz files there`
        : offlineHint,
    });
    if (result.url !== undefined) options.onProgress?.(`${file.name}: downloaded, ${file.checksum.algorithm} ok`);
    paths.push(result.path);
  }
  return build(spec, paths, `cache ${dir}`);
}

/** How offline advice names the folder option, as the library spells it; the CLI says --data-dir. */
export const DATA_DIR_OPTION = 'the dataDir option';

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function build(spec: IdxDatasetSpec, paths: readonly string[], source: string): Promise<Dataset> {
  const [trainImages, trainLabels, testImages, testLabels] = paths as [string, string, string, string];
  const n = spec.classes.length;
  const [train, test] = await Promise.all([
    loadImageSplit(trainImages, trainLabels, n),
    loadImageSplit(testImages, testLabels, n),
  ]);
  return { name: spec.name, classes: spec.classes, train, test, source };
}

/** The path of `name` or its uncompressed twin in `dir`. */
async function findInDir(dir: string, name: string): Promise<string> {
  const candidates = [name, name.replace(/\.gz$/, '')].map((n) => join(dir, n));
  for (const path of new Set(candidates)) {
    if (await exists(path)) return path;
  }
  const alt = candidates[1] !== candidates[0] ? ` (nor ${candidates[1]})` : '';
  throw new DataFileError(`${candidates[0]}: file not found${alt}`);
}

function joinUrl(base: string, name: string): string {
  return base.endsWith('/') ? base + name : `${base}/${name}`;
}

/** Turns byte-level progress into a message at the start and at each quarter. */
function progressReporter(report: (message: string) => void): (p: DownloadProgress) => void {
  let shown = -1;
  return ({ file, url, received, total }) => {
    if (received === 0) {
      shown = 0;
      report(`downloading ${file} from ${url}${total === undefined ? '' : ` (${megabytes(total)})`}`);
      return;
    }
    if (total === undefined || total === 0) return;
    const quarter = Math.floor((4 * received) / total);
    if (quarter > shown && quarter < 4) {
      shown = quarter;
      report(`${file}: ${25 * quarter}% of ${megabytes(total)}`);
    }
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
