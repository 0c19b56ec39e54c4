/** Experiment config files read from disk (`noisenet compare --config FILE`). */
import { readFile } from 'node:fs/promises';
import { ExperimentConfigError, type ExperimentConfig } from '../config.js';
import { experimentConfigJson, parseExperimentConfig, type ParseConfigOptions } from '../config-parse.js';

/**
 * Reads and validates a config file (or the config of a results.json).
 * @throws ExperimentConfigError naming the file and, for invalid JSON, the line and column.
 */
export async function readExperimentConfig(file: string, options: ParseConfigOptions = {}): Promise<ExperimentConfig> {
  return parseExperimentConfig(await readExperimentConfigJson(file), file, options);
}

/**
 * The raw configuration object of a JSON file, not validated.
 * @throws ExperimentConfigError naming the file: unreadable, or invalid JSON (with line and column).
 */
export async function readExperimentConfigJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ExperimentConfigError(file, '(file)', `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return experimentConfigJson(text, file);
}
