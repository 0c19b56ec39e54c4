/**
 * Checkpoints as model folders: `model.json` (with the checkpoint's state under
 * `noisenet.checkpoint`), the weights and the optimizer's state in its manifest, and the
 * callbacks' weights (early stopping's best) in `callbacks.bin`. Written as any model folder is,
 * so a crash leaves the previous checkpoint or the new one, and the folder loads as a model.
 */
import { lstat, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CheckpointState, CheckpointStorage } from '../checkpoint.js';
import type { Trainable } from '../../train/trainable.js';
import { Model } from '../../models/model.js';
import { ModelFileError, invalid } from '../../errors.js';
import { MODEL_FILE, type NoisenetSection } from '../../io/model-json.js';
import { readWeights } from '../../io/weights.js';
import { saveModel } from '../../io/node/save-model.js';
import { weightFilesIn } from '../../io/node/weight-files.js';
import { temporaryName } from '../../io/node/durable.js';
import { readModelJson } from '../../io/node/load-model.js';

/** The checkpoint state as `model.json` keeps it: callbacks' weights replaced by their lengths. */
interface StoredState extends Omit<CheckpointState, 'callbacks'> {
  callbacks: { index: number; name: string; state: { values: Record<string, unknown>; weightLengths?: number[] } }[];
}

/** A folder holding one checkpoint, replaced at every write. */
export function checkpointFolder(dir: string): CheckpointStorage {
  const path = join(dir, MODEL_FILE);
  return {
    where: dir,
    async write(model: Trainable, state: CheckpointState): Promise<void> {
      if (!(model instanceof Model)) throw invalid('checkpointFolder', 'model', 'a noisenet model', typeof model);
      const arrays: Float32Array[] = [];
      const stored: StoredState = {
        ...state,
        callbacks: state.callbacks.map((c) => {
          const weights = c.state.weights ?? [];
          arrays.push(...weights);
          return { index: c.index, name: c.name, state: { values: c.state.values, ...(c.state.weights ? { weightLengths: weights.map((w) => w.length) } : {}) } };
        }),
      };
      const data = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0) * 4);
      const view = new DataView(data.buffer);
      let at = 0;
      for (const a of arrays) for (let i = 0; i < a.length; i++, at += 4) view.setFloat32(at, a[i]!, true);
      await saveModel(model, dir, { includeOptimizer: true }, { files: [{ base: 'callbacks', ext: '.bin', data }], section: () => ({ checkpoint: stored }) });
    },
    async read(model: Trainable) {
      const there = await lstat(path).then(
        () => true,
        (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? false : Promise.reject(new ModelFileError(`${path}: cannot read (${err.code ?? err.message})`))),
      );
      if (!there) return null;
      // A regular file inside the folder, of bounded size: a checkpoint folder is read like any model folder.
      const json = (await readModelJson(path, dir)) as { weightsManifest?: unknown; noisenet?: Partial<NoisenetSection> } | null;
      if (json === null || typeof json !== 'object') throw new ModelFileError(`${path}: expected a JSON object`);
      const stored = checkStored(json.noisenet?.checkpoint, path);
      const files = weightFilesIn(dir);
      const params = model instanceof Model ? model.weights() : model.layers.flatMap((l) => l.weights());
      const restored = await readWeights(files, json.weightsManifest, params, path);
      const lengths = stored.callbacks.flatMap((c) => c.state.weightLengths ?? []);
      const name = json.noisenet?.files?.['callbacks'];
      const bytes = lengths.length > 0 && typeof name === 'string' ? await files.read(files.locate(name)) : new Uint8Array(0);
      const total = lengths.reduce((a, b) => a + b, 0);
      if (bytes.byteLength !== total * 4) throw new ModelFileError(`${join(dir, String(name))}: expected ${total * 4} bytes of callback weights, found ${bytes.byteLength}`);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let at = 0;
      const take = (n: number): Float32Array => Float32Array.from({ length: n }, () => view.getFloat32((at += 4) - 4, true));
      const state: CheckpointState = {
        ...stored,
        callbacks: stored.callbacks.map((c) => ({ index: c.index, name: c.name, state: { values: c.state.values, ...(c.state.weightLengths ? { weights: c.state.weightLengths.map(take) } : {}) } })),
      };
      return { state, restored };
    },
    async remove(): Promise<void> {
      // One rename takes the checkpoint away whole; the folder is then deleted (or swept by the next save if this process dies first).
      const doomed = join(dirname(dir), temporaryName(basename(dir)));
      try {
        await rename(dir, doomed);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw new ModelFileError(`${dir}: cannot remove (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
      await rm(doomed, { recursive: true, force: true });
    },
  };
}

/** The stored state, checked for the fields a resume reads. */
function checkStored(raw: unknown, path: string): StoredState {
  const s = raw as Partial<StoredState> | undefined;
  const bad = (what: string): ModelFileError => new ModelFileError(`${path}: noisenet.checkpoint ${what}`);
  if (!s || typeof s !== 'object') throw bad('is missing: this folder is a model, not a checkpoint');
  if (!Number.isInteger(s.epoch) || s.epoch! < 0) throw bad(`.epoch must be an integer >= 0, found ${JSON.stringify(s.epoch)}`);
  if (typeof s.complete !== 'boolean') throw bad('.complete must be true or false');
  if (!s.params || typeof s.params !== 'object') throw bad('.params must be the run\'s fit parameters');
  if (!s.history || !Array.isArray(s.history.epoch) || typeof s.history.history !== 'object') throw bad('.history must be {epoch, history}');
  if (!Array.isArray(s.callbacks)) throw bad('.callbacks must be a list');
  for (const c of s.callbacks) {
    const lengths = c?.state?.weightLengths;
    if (!Number.isInteger(c?.index) || typeof c?.name !== 'string' || typeof c?.state?.values !== 'object' || (lengths !== undefined && !(Array.isArray(lengths) && lengths.every((n) => Number.isSafeInteger(n) && n >= 0)))) {
      throw bad('.callbacks entries must be {index, name, state: {values, weightLengths?}}');
    }
  }
  return s as StoredState;
}
