/**
 * What a model was trained on, recorded with it (model.json) and with its history: the
 * dataset's name and source, its sample shape and class count, and a SHA-256 of its content,
 * so that evaluating it later can default to the same data and tell when the data differs.
 */
import type { Dataset, ImageSplit } from './types.js';

/** The record of a dataset, as model.json and history.json store it. */
export interface DatasetRecord {
  /** `mnist`, `fashion-mnist`, `mnist-mini`, or `idx` for IDX files not recognised as either. */
  name: string;
  /** Where the data came from, one line, e.g. `cache /root/.cache/noisenet/mnist`. */
  source: string;
  /** The folder the files were read from, when the user named one (`--data-dir`, `dataDir`). */
  dataDir?: string;
  /** Shape of one sample, `[height, width]`. */
  sampleShape: number[];
  /** Number of classes. */
  classes: number;
  trainCount: number;
  testCount: number;
  /**
   * SHA-256 (hex) of the decoded content: of the SHA-256 digests of the training images,
   * training labels, test images and test labels, concatenated in that order. Compressed or
   * not, the same files give the same digest.
   */
  sha256: string;
}

/** The content digest of a dataset; see {@link DatasetRecord.sha256}. */
export async function datasetDigest(data: Pick<Dataset, 'train' | 'test'>): Promise<string> {
  const parts = [data.train.images, data.train.labels, data.test.images, data.test.labels];
  const digests = await Promise.all(parts.map((p) => digestOf(p)));
  const joined = new Uint8Array(32 * digests.length);
  digests.forEach((d, i) => joined.set(d, 32 * i));
  return hex(await digestOf(joined));
}

/**
 * The record of `data`; `dataDir` when it was read from a folder the user named; `sha256` when
 * its {@link datasetDigest} is known already.
 */
export async function datasetRecord(data: Dataset, dataDir?: string, sha256?: string): Promise<DatasetRecord> {
  return {
    name: data.name,
    source: data.source,
    ...(dataDir === undefined ? {} : { dataDir }),
    sampleShape: sampleShape(data.train),
    classes: data.classes.length,
    trainCount: data.train.count,
    testCount: data.test.count,
    sha256: sha256 ?? (await datasetDigest(data)),
  };
}

/**
 * A record read back from JSON, when it has the fields evaluation needs (`name`, `sha256`);
 * null otherwise (older files, or files written elsewhere).
 */
export function asDatasetRecord(value: unknown): DatasetRecord | null {
  const r = value as Partial<DatasetRecord> | null | undefined;
  if (!r || typeof r !== 'object' || typeof r.name !== 'string' || typeof r.sha256 !== 'string') return null;
  if (r.dataDir !== undefined && typeof r.dataDir !== 'string') return null;
  return r as DatasetRecord;
}

function sampleShape(split: ImageSplit): number[] {
  return [split.height, split.width];
}

async function digestOf(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
