/** The dataset (or own data) a saved model records it was trained on (`noisenet.dataset` in model.json). */
import { join } from 'node:path';
import { MODEL_FILE } from '../model-json.js';
import { asDatasetRecord, type DatasetRecord } from '../../data/dataset-record.js';
import { readModelJson } from './load-model.js';

/**
 * The dataset record of the model saved in `dir`, or null when it has none (saved without one,
 * by TF.js, or by an older noisenet). An unreadable folder is `loadModel`'s to report: null here.
 */
export async function readModelDataset(dir: string): Promise<DatasetRecord | null> {
  try {
    const json = (await readModelJson(join(dir, MODEL_FILE), dir)) as { noisenet?: { dataset?: unknown } } | null;
    return asDatasetRecord(json?.noisenet?.dataset);
  } catch {
    return null;
  }
}

/** The record of the user's own data the model saved in `dir` was trained on (`noisenet.data` in model.json), or null. */
export async function readModelData(dir: string): Promise<Record<string, unknown> | null> {
  try {
    const json = (await readModelJson(join(dir, MODEL_FILE), dir)) as { noisenet?: { data?: unknown } } | null;
    const data = json?.noisenet?.data;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
