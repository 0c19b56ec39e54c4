/**
 * The check of one run's settings from outside (a queue job, a message from another process):
 * the same run schema and config parser as `compare --config` and sweep configs, with the same
 * limits, so that a job holding epochs 1e9, `hidden: "128"` or `null` is refused with a typed
 * one-line reason before anything is built, instead of training for ever or throwing a
 * TypeError that looks transient.
 */
import { ExperimentConfigError } from '../experiments/config.js';
import { parseExperimentConfig } from '../experiments/config-parse.js';
import { RUN_LIMITS, type RunLimits } from '../run/run-limits.js';
import type { SweepRunSettings } from './plan.js';

/** The settings every planned run holds (see `runSettings` in plan.ts); the others are optional. */
const REQUIRED: readonly (keyof SweepRunSettings)[] = ['dataset', 'dataSeed', 'model', 'hidden', 'activation', 'noise', 'optimizer', 'lr', 'momentum', 'epochs', 'batchSize', 'seed', 'robustness'];

/** The robustness settings every planned run holds. */
const REQUIRED_ROBUSTNESS = ['stddevs', 'draws', 'seed', 'clip'] as const;

/** The name the check gives the run's one configuration; errors speak of `noise`, not of it. */
const RUN = 'run';

/**
 * `raw` as the settings of one sweep run, when they are valid: every required setting present,
 * each checked by the run schema (types, ranges, choices, noise specs, the model spec) and within
 * `limits`.
 * @throws ExperimentConfigError naming `source`, the setting and the reason.
 */
export function checkSweepRunSettings(raw: unknown, source: string, limits: RunLimits = RUN_LIMITS): SweepRunSettings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ExperimentConfigError(source, 'settings', `must be a JSON object, received ${raw === null ? 'null' : Array.isArray(raw) ? 'a list' : typeof raw}`);
  const o = raw as Record<string, unknown>;
  for (const key of REQUIRED) if (o[key] === undefined) throw new ExperimentConfigError(source, key, 'missing');
  const robustness = o.robustness as Record<string, unknown> | null;
  if (typeof robustness === 'object' && robustness !== null) for (const key of REQUIRED_ROBUSTNESS) if (robustness[key] === undefined) throw new ExperimentConfigError(source, `robustness.${key}`, 'missing');
  const { noise, seed, ...rest } = o;
  try {
    // The specs are checked as strings here; the builder parses them, and its NoiseSpecError is a configuration error (never retried).
    parseExperimentConfig({ ...rest, seeds: [seed], configurations: [{ name: RUN, noise }], baseline: RUN }, source, { limits });
  } catch (err) {
    if (err instanceof ExperimentConfigError) throw new ExperimentConfigError(source, runField(err.field), err.reason);
    throw err;
  }
  return raw as SweepRunSettings;
}

/** A config field as the run setting it came from: `configurations[0].noise[1]` is `noise[1]`, `seeds[0]` is `seed`. */
function runField(field: string): string {
  if (field === 'seeds[0]' || field === 'seeds') return 'seed';
  if (field.startsWith('configurations[0].noise')) return field.slice('configurations[0].'.length);
  return field;
}
