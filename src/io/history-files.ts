/**
 * A training history as files: `history.json` (Keras' `history.history`, plus `epoch` and
 * `params`) and `history.csv` (Keras' CSVLogger: `epoch` then the metrics in alphabetical order).
 * Their contents; `node/history-files.ts` writes them.
 */

/** What `fit` resolves to, or any object with the same fields. */
export interface HistoryLike {
  /** Per-metric lists, one value per epoch. */
  readonly history: Readonly<Record<string, readonly number[]>>;
  /** Zero-based epoch numbers; default 0, 1, ... */
  readonly epoch?: readonly number[];
  /** The run's parameters, recorded as is. */
  readonly params?: unknown;
  /** What the run was trained on (a `DatasetRecord`), recorded as is in history.json. */
  readonly dataset?: unknown;
}

/** `history.json`: one metric per line, then `epoch`, `params` and `dataset`. */
export function historyJson(h: HistoryLike): string {
  const entries: [string, unknown][] = Object.entries(h.history).filter(([k]) => k !== 'epoch' && k !== 'params');
  entries.push(['epoch', epochsOf(h)]);
  if (h.params !== undefined && h.params !== null) entries.push(['params', h.params]);
  if (h.dataset !== undefined && h.dataset !== null) entries.push(['dataset', h.dataset]);
  return `{\n${entries.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n}\n`;
}

/** `history.csv` as Keras' CSVLogger writes it: `epoch,accuracy,loss,val_accuracy,val_loss`, epochs from 0. */
export function historyCsv(h: HistoryLike): string {
  const keys = Object.keys(h.history).filter((k) => k !== 'epoch').sort();
  const rows = epochsOf(h).map((epoch, i) => [String(epoch), ...keys.map((k) => csvValue(h.history[k]![i]))].join(','));
  return [['epoch', ...keys].join(','), ...rows].join('\n') + '\n';
}

function epochsOf(h: HistoryLike): number[] {
  if (h.epoch) return [...h.epoch];
  const n = Math.max(0, ...Object.values(h.history).map((v) => v.length));
  return Array.from({ length: n }, (_, i) => i);
}

/** A number as JavaScript prints it (shortest round-trip form); `NA` when missing, as Keras. */
function csvValue(v: number | undefined): string {
  return v === undefined ? 'NA' : String(v);
}
