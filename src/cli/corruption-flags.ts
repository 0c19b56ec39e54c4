/** The `--corruptions` and `--severity` flags of `noisenet robustness` and `noisenet corrupt`, read against the corruptions' declarations. */
import { CORRUPTION_NAMES, parseCorruptionList } from '../corruptions/catalogue.js';
import { MAX_SEVERITY, type Corruption } from '../corruptions/corruption.js';
import { InvalidArgumentError } from '../errors.js';
import { UsageError, badValue } from './usage-error.js';

/** Help of `--corruptions`. */
export const CORRUPTIONS_HELP = `all, or a comma-separated list of: ${CORRUPTION_NAMES.join(', ')}`;

/** Help of `--severity`. */
export const SEVERITY_HELP = `1 to ${MAX_SEVERITY} for every corruption, or default: each at the MNIST-C benchmark's own severity (the default)`;

/** The corruptions of `--corruptions LIST`. @throws UsageError naming the corruptions there are. */
export function parseCorruptionsFlag(where: string, raw: string): Corruption[] {
  try {
    return parseCorruptionList(raw, `${where}: --corruptions`);
  } catch (err) {
    if (err instanceof InvalidArgumentError) throw new UsageError(err.message);
    throw err;
  }
}

/** `--severity N|default`. */
export function parseSeverityFlag(where: string, raw: string | undefined): number | 'default' {
  if (raw === undefined || raw.trim() === 'default') return 'default';
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || n < 1 || n > MAX_SEVERITY) throw badValue(where, '--severity', `an integer from 1 to ${MAX_SEVERITY}, or default`, raw);
  return n;
}
