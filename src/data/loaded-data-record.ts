/**
 * What a model was trained on, when the data was the user's own: the record model.json and
 * history.json can keep, so evaluation and export apply the same preprocessing and can tell
 * when the data differs (see `dataset-record.ts` for the named datasets).
 */
import type { CategoricalColumn, DataKind, DataTask, LoadedData, ValidationSplitRecord } from './loaded-data.js';

/** The record of a {@link LoadedData}. */
export interface LoadedDataRecord {
  readonly kind: DataKind;
  readonly source: string;
  readonly task: DataTask;
  readonly sampleShape: readonly number[];
  readonly classes: readonly string[];
  readonly trainCount: number;
  readonly testCount: number;
  readonly validationSplit?: ValidationSplitRecord;
  readonly featureNames?: readonly string[];
  /** Tables: the categorical columns and their categories, one-hot encoded in that order, so new rows are encoded as the training rows were. */
  readonly categorical?: readonly CategoricalColumn[];
  readonly preprocessing: readonly string[];
  /**
   * SHA-256 (hex) of the SHA-256 digests of the training samples, training targets, test samples
   * and test targets (their bytes as held: bytes for images, little-endian float32 otherwise),
   * concatenated in that order.
   */
  readonly sha256: string;
}

/** The content digest of a dataset; see {@link LoadedDataRecord.sha256}. */
export async function loadedDataDigest(data: Pick<LoadedData, 'train' | 'test'>): Promise<string> {
  const parts = [data.train.x, data.train.y, data.test?.x ?? new Uint8Array(0), data.test?.y ?? new Uint8Array(0)];
  const digests = await Promise.all(parts.map((p) => digest(new Uint8Array(p.buffer, p.byteOffset, p.byteLength))));
  const joined = new Uint8Array(32 * digests.length);
  digests.forEach((d, i) => joined.set(d, 32 * i));
  return hex(await digest(joined));
}

/** The record of `data`. */
export async function loadedDataRecord(data: LoadedData): Promise<LoadedDataRecord> {
  return {
    kind: data.kind,
    source: data.source,
    task: data.task,
    sampleShape: [...data.sampleShape],
    classes: [...data.classes],
    trainCount: data.train.count,
    testCount: data.test?.count ?? 0,
    ...(data.validationSplit ? { validationSplit: data.validationSplit } : {}),
    ...(data.featureNames ? { featureNames: [...data.featureNames] } : {}),
    ...(data.categorical?.length ? { categorical: data.categorical.map((c) => ({ name: c.name, categories: [...c.categories] })) } : {}),
    preprocessing: [...data.preprocessing],
    sha256: await loadedDataDigest(data),
  };
}

async function digest(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
