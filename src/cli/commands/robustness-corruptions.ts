/** `noisenet robustness --corruptions LIST`: accuracy of a saved model under the MNIST-C corruptions. */
import { sliceRows } from '../../train/data-source.js';
import { corruptionRobustness, formatCorruptionTable } from '../../experiments/corruption-robustness.js';
import type { Sequential } from '../../models/sequential.js';
import type { ModelTestSet } from '../model-data.js';
import type { CliContext } from '../context.js';
import { CountProgress } from '../count-progress.js';
import { writeJsonRecord } from '../json-record.js';
import { UsageError } from '../usage-error.js';

/** The settings of a corruption evaluation, parsed before the model and data are loaded. */
export interface CorruptionRunSettings {
  corruptions: string[];
  severity: number | 'default';
  seed: number;
  batchSize: number;
  samples: number | undefined;
  json: string | undefined;
  modelDir: string | undefined;
}

/** Measures and prints the corruption table; writes the JSON record when asked. */
export async function runCorruptionRobustness(where: string, model: Sequential, data: ModelTestSet, s: CorruptionRunSettings, ctx: CliContext): Promise<void> {
  const shape = data.x.shape;
  if (shape.length < 3) throw new UsageError(`${where}: --corruptions needs images ([height, width, channels] samples); the samples of ${data.name} are [${shape.slice(1).join(', ')}]`);
  const n = s.samples ?? data.count;
  const x = sliceRows(data.x, 0, n);
  const y = sliceRows(data.y, 0, n);
  const progress = new CountProgress({ label: 'corruptions', write: (t) => ctx.stderr.write(t), isTTY: ctx.stderr.isTTY ?? false, lines: false });
  const result = await corruptionRobustness(model, x, y, { corruptions: s.corruptions, severity: s.severity, seed: s.seed, batchSize: s.batchSize, onProgress: progress.update });
  const print = (line: string): void => ctx.stdout.write(`${line}\n`);
  print(data.describe);
  const severity = s.severity === 'default' ? "each corruption at the MNIST-C benchmark's severity" : `severity ${s.severity}`;
  print(`Accuracy on ${n === data.count ? 'the' : `the first ${n} of the`} ${data.count} ${data.split} samples, clean and corrupted (${severity}, seed ${s.seed}):`);
  print(formatCorruptionTable(result));
  const relative = result.relativeError === null ? 'the clean error is 0' : `${result.relativeError.toFixed(2)} times the clean error ${(1 - result.cleanAccuracy).toFixed(4)}`;
  print(`Mean corruption accuracy ${result.meanAccuracy.toFixed(4)} over ${result.corruptions.length} corruption${result.corruptions.length === 1 ? '' : 's'}; mean corruption error ${result.meanError.toFixed(4)}, ${relative}.`);
  if (s.json !== undefined) {
    await writeJsonRecord(s.json, 'noisenet-corruption-robustness', model.backend.name, {
      model: s.modelDir,
      dataset: { name: data.name, source: data.source, samples: n },
      settings: { corruptions: s.corruptions, severity: s.severity, seed: s.seed },
      result,
    });
    print(`Saved ${s.json}`);
  }
}
