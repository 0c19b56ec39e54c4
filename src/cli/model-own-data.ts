/**
 * The user's own data a saved model is measured on: the `--data PATH` given, else the data the
 * model records it was trained on (`noisenet.data` in model.json: its path and how it was read).
 */
import type { LoadedData } from '../data/loaded-data.js';
import { loadedDataDigest } from '../data/loaded-data-record.js';
import { readModelData } from '../io/node/model-dataset.js';
import type { CliContext } from './context.js';
import { describeOwnData, loadOwnData, ownDataSettings, type OwnDataFlags, type OwnDataSettings, type SavedDataRecord } from './own-data.js';

/** The seed `noisenet train` splits with by default. */
const TRAIN_SEED = 42;

/**
 * The own data to measure the model in `modelDir` on, or undefined when neither `--data` is given
 * nor the model records its own data (or `--dataset`/`--data-dir` asks for a built-in dataset).
 * When the model records its data and this data differs, one line on stderr says so.
 */
export async function ownDataForModel(where: string, modelDir: string, v: OwnDataFlags, ctx: CliContext): Promise<{ data: LoadedData; record: SavedDataRecord | null } | undefined> {
  const given = ownDataSettings(where, v);
  const record = (await readModelData(modelDir)) as SavedDataRecord | null;
  const recorded = record && typeof record.path === 'string' ? recordedSettings(record) : undefined;
  const settings = given ?? (v.dataset === undefined && v['data-dir'] === undefined ? recorded : undefined);
  if (!settings) return undefined;
  const data = await loadOwnData(where, settings, record?.loadOptions?.seed ?? TRAIN_SEED);
  if (record && typeof record.sha256 === 'string' && (await loadedDataDigest(data)) !== record.sha256) {
    ctx.stderr.write(`${where}: the model was trained on ${record.source} (sha256 ${record.sha256.slice(0, 12)}…); this is ${data.source}: its scores here do not measure it on its own data\n`);
  }
  return { data, record };
}

function recordedSettings(record: SavedDataRecord): OwnDataSettings {
  const { seed: _seed, ...options } = record.loadOptions ?? {};
  return { path: record.path, options };
}

export { describeOwnData };
