/**
 * The user's own data a saved model is measured on: the `--data PATH` given, else the data the
 * model records it was trained on (`noisenet.data` in model.json: its path and how it was read).
 * Data given without a test split (and without `--val-split`) is measured whole; its classes are
 * the model's, matched by name.
 */
import type { DataSplit, LoadedData } from '../data/loaded-data.js';
import { loadedDataDigest } from '../data/loaded-data-record.js';
import { recordedTableColumns } from '../data/table-columns.js';
import { readModelData } from '../io/node/model-dataset.js';
import type { CliContext } from './context.js';
import { UsageError } from './usage-error.js';
import { describeOwnData, loadOwnData, ownDataSettings, type OwnDataFlags, type OwnDataSettings, type SavedDataRecord } from './own-data.js';

/** The seed `noisenet train` splits with by default. */
const TRAIN_SEED = 42;

/**
 * The own data to measure the model in `modelDir` on, or undefined when neither `--data` is given
 * nor the model records its own data (or `--dataset`/`--data-dir` asks for a built-in dataset).
 * `--data` without a test split and without `--val-split` is measured whole (`test` is `train`).
 * Class labels are the model's indices of their names, so a folder or table holding some of the
 * model's classes, or naming them in another order, is measured against the right outputs.
 * A table is encoded with the model's feature columns, by name, and the categories recorded at
 * training, as `predict` encodes its rows.
 * When the model records its data and this data differs, one line on stderr says so.
 * @throws UsageError when the data holds a class the model does not know.
 */
export async function ownDataForModel(where: string, modelDir: string, v: OwnDataFlags, ctx: CliContext): Promise<{ data: LoadedData; record: SavedDataRecord | null } | undefined> {
  const given = ownDataSettings(where, v);
  const record = (await readModelData(modelDir)) as SavedDataRecord | null;
  const recorded = record && typeof record.path === 'string' ? recordedSettings(record) : undefined;
  const settings = given ?? (v.dataset === undefined && v['data-dir'] === undefined ? recorded : undefined);
  if (!settings) return undefined;
  const whole = given !== undefined && given.options.valSplit === undefined;
  // A table given is encoded as the model's was: its columns by name, its categories those recorded at training.
  const columns = given && record?.kind === 'table' ? recordedTableColumns(record) : undefined;
  // Measured whole, a folder may hold images of one of the model's classes only.
  const read = { ...settings, options: { ...settings.options, ...(columns ? { columns } : {}), ...(whole ? { minClasses: 1 as const } : {}) } };
  const data = inModelClasses(where, await loadOwnData(where, read, record?.loadOptions?.seed ?? TRAIN_SEED, whole), record);
  if (record && typeof record.sha256 === 'string' && (await loadedDataDigest(data)) !== record.sha256) {
    ctx.stderr.write(`${where}: the model was trained on ${record.source} (sha256 ${record.sha256.slice(0, 12)}…); this is ${data.source}: its scores here do not measure it on its own data\n`);
  }
  return { data, record };
}

/**
 * `data` with its class labels as the indices of the model's classes (those `record` keeps),
 * matched by name; `data` itself when the classes are the same or the model records none.
 */
function inModelClasses(where: string, data: LoadedData, record: SavedDataRecord | null): LoadedData {
  const known = record?.task === 'classification' && Array.isArray(record.classes) ? record.classes : [];
  if (data.task !== 'classification' || known.length === 0 || (known.length === data.classes.length && known.every((c, i) => c === data.classes[i]))) return data;
  const index = new Map(known.map((c, i) => [c, i]));
  const unknown = data.classes.find((c) => !index.has(c));
  if (unknown !== undefined) {
    const list = known.length <= 10 ? known.join(', ') : `${known.slice(0, 10).join(', ')}, ...`;
    throw new UsageError(`${where}: ${data.source} holds class '${unknown}', which the model does not know; its ${known.length} classes are ${list}`);
  }
  const to = data.classes.map((c) => index.get(c)!);
  const relabel = (split: DataSplit): DataSplit => ({ ...split, y: Int32Array.from(split.y, (k) => to[k]!) });
  const train = relabel(data.train);
  const test = data.test === data.train ? train : data.test && relabel(data.test);
  return { ...data, classes: [...known], train, test };
}

function recordedSettings(record: SavedDataRecord): OwnDataSettings {
  const { seed: _seed, ...options } = record.loadOptions ?? {};
  return { path: record.path, options };
}

export { describeOwnData };
