/**
 * Models kept in the browser's IndexedDB (pages and workers alike): one record per name in the
 * `models` store of the `noisenet` database, holding `model.json` and the weights' bytes.
 */
import type { Sequential } from '../../models/sequential.js';
import { ModelFileError, NoisenetError, invalid } from '../../errors.js';
import { modelArtifacts, modelFromArtifacts, type LoadModelOptions } from '../model-artifacts.js';
import { WEIGHTS_FILE, type ModelJson } from '../model-json.js';

const DB = 'noisenet';
const STORE = 'models';

interface Request<T> {
  result: T;
  error: { message: string } | null;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface Store {
  put(value: unknown, key: string): Request<unknown>;
  get(key: string): Request<unknown>;
  delete(key: string): Request<unknown>;
  getAllKeys(): Request<unknown[]>;
}
interface Database {
  objectStoreNames: { contains(name: string): boolean };
  createObjectStore(name: string): Store;
  transaction(store: string, mode: 'readonly' | 'readwrite'): { objectStore(name: string): Store; oncomplete: (() => void) | null; onerror: (() => void) | null; error: { message: string } | null };
  close(): void;
}
interface Factory {
  open(name: string, version: number): Request<Database> & { onupgradeneeded: (() => void) | null };
}

/** What a record holds. */
interface StoredModel {
  json: ModelJson;
  weights: Uint8Array;
  savedAt: string;
}

function factory(): Factory {
  const f = (globalThis as unknown as { indexedDB?: Factory }).indexedDB;
  if (!f) throw new NoisenetError('IndexedDB is not available here');
  return f;
}

function checkName(where: string, name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) throw invalid(where, 'name', 'a non-empty string', name);
  return name;
}

function settle<T>(request: Request<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new NoisenetError(`IndexedDB: ${what} failed (${request.error?.message ?? 'unknown error'})`));
  });
}

/** Runs `body` on the models store in one transaction and resolves with its result once the transaction has committed. */
async function withStore<T>(mode: 'readonly' | 'readwrite', what: string, body: (store: Store) => Request<T>): Promise<T> {
  const open = factory().open(DB, 1);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains(STORE)) open.result.createObjectStore(STORE);
  };
  const db = await settle(open, `opening the ${DB} database`);
  try {
    const tx = db.transaction(STORE, mode);
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(new NoisenetError(`IndexedDB: ${what} failed (${tx.error?.message ?? 'unknown error'})`));
    });
    const result = await settle(body(tx.objectStore(STORE)), what);
    await committed;
    return result;
  } finally {
    db.close();
  }
}

/** Saves the model under `name`, replacing any model saved under it (one transaction: all or nothing). */
export async function saveModelToIndexedDB(model: Sequential, name: string): Promise<void> {
  checkName('saveModelToIndexedDB', name);
  const { json, weights } = modelArtifacts(model, WEIGHTS_FILE);
  const record: StoredModel = { json, weights, savedAt: new Date().toISOString() };
  await withStore('readwrite', `saving model '${name}'`, (store) => store.put(record, name));
}

/**
 * The model saved under `name`.
 * @throws ModelFileError `indexeddb://<name>: ...` when there is none or it does not load.
 */
export async function loadModelFromIndexedDB(name: string, options: LoadModelOptions = {}): Promise<Sequential> {
  checkName('loadModelFromIndexedDB', name);
  const where = `indexeddb://${name}`;
  const record = (await withStore('readonly', `reading model '${name}'`, (store) => store.get(name))) as StoredModel | undefined;
  if (!record) throw new ModelFileError(`${where}: no model saved under this name`);
  return modelFromArtifacts(record.json, { locate: (p) => p, read: async () => record.weights }, where, options);
}

/** Names of the models saved in IndexedDB, sorted. */
export async function listModelsInIndexedDB(): Promise<string[]> {
  const keys = await withStore('readonly', 'listing models', (store) => store.getAllKeys());
  return keys.map(String).sort();
}

/** Deletes the model saved under `name` (nothing happens when there is none). */
export async function deleteModelFromIndexedDB(name: string): Promise<void> {
  checkName('deleteModelFromIndexedDB', name);
  await withStore('readwrite', `deleting model '${name}'`, (store) => store.delete(name));
}
