/** Writes a training history as `history.json` and `history.csv` (see ../history-files.ts). */
import { historyCsv, historyJson, type HistoryLike } from '../history-files.js';
import { writeFilesAtomic } from './atomic-write.js';

/**
 * Writes `dir/history.json` and `dir/history.csv` (creating `dir`), atomically.
 * @throws ModelFileError naming the path that could not be written.
 */
export async function writeHistory(dir: string, history: HistoryLike): Promise<void> {
  await writeFilesAtomic(dir, [
    { name: 'history.json', data: historyJson(history) },
    { name: 'history.csv', data: historyCsv(history) },
  ]);
}
