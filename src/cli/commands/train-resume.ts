/**
 * `noisenet train --resume DIR`: the settings of the run in `DIR`, read from its checkpoint
 * (`DIR/checkpoint/`, written by `train --out DIR` after every epoch). The run continues with
 * them; flags that would change it are refused.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NoisenetError } from '../../errors.js';
import { UsageError } from '../usage-error.js';
import { WHERE, type TrainSettings } from './train-options.js';

/** The folder of a run's checkpoint. */
export const checkpointDir = (out: string): string => join(out, 'checkpoint');

/** Flags `--resume` takes besides itself: they change how the run is shown or computed, not what it computes. */
const KEPT = new Set(['resume', 'quiet', 'threads', 'help']);

/**
 * The settings saved in `DIR/checkpoint`, with `out` set to DIR.
 * @throws UsageError for flags given with --resume; NoisenetError when DIR has no checkpoint.
 */
export async function resumeSettings(dir: string, values: Record<string, unknown>): Promise<TrainSettings> {
  const extra = Object.keys(values).filter((k) => values[k] !== undefined && !KEPT.has(k));
  if (extra.length > 0) throw new UsageError(`${WHERE}: --resume continues a run with the settings it was started with; drop ${extra.map((k) => `--${k}`).join(', ')}`);
  const path = join(checkpointDir(dir), 'model.json');
  let json: { noisenet?: { checkpoint?: { settings?: unknown; epoch?: unknown } } };
  try {
    json = JSON.parse(await readFile(path, 'utf8')) as typeof json;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NoisenetError(`--resume ${dir}: no checkpoint to resume (${path} not found); a run writes one after each epoch with --out ${dir}`);
    throw new NoisenetError(`--resume ${dir}: cannot read ${path} (${code ?? (err as Error).message})`);
  }
  const settings = json.noisenet?.checkpoint?.settings as Partial<TrainSettings> | undefined;
  if (!settings || typeof settings !== 'object' || typeof settings.epochs !== 'number' || !Array.isArray(settings.noise)) {
    throw new NoisenetError(`--resume ${dir}: ${path} holds no settings of a noisenet train run`);
  }
  return { ...(settings as TrainSettings), standardize: settings.standardize ?? true, out: dir, force: true, quiet: values['quiet'] === true || (settings.quiet ?? false) };
}
