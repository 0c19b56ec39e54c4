/**
 * The command-line side of the run schema (src/run/run-schema.ts): a command's flag table
 * entries for the run settings it takes, and every such flag's value checked by its schema
 * field. A new optimizer, optimizer option or loss in the registry reaches every command
 * through here, with no change to a command.
 */
import { findMetric, parseMetric, splitMetricList } from '../losses/metrics/index.js';
import type { NumberField } from '../schema/fields.js';
import { optimizerOptionFields, runField, runFieldHelp, type RunField } from '../run/run-schema.js';
import type { OptionSpec } from './options.js';
import { parseChoice, parseInteger, parseNumber, parseUnits, type Range } from './values.js';
import { UsageError, badValue } from './usage-error.js';
import { RUN_LIMITS } from '../run/run-limits.js';
import { readModelFlag } from './build-model.js';

/** A flag entry taking one value. */
export interface ValueOption extends OptionSpec {
  readonly type: 'string';
  readonly multiple?: false;
}
/** A repeatable flag entry. */
export interface ListOption extends OptionSpec {
  readonly type: 'string';
  readonly multiple: true;
}

/** What a command may change of a setting's entry: its help line (its own wording of the default) or placeholder. */
export interface OptionOverride {
  readonly help?: string;
  readonly arg?: string;
}

/** The flag entry of the run setting `key`: its placeholder and its help (doc and default) from the schema. */
export function runOption(key: string, override: OptionOverride = {}): ValueOption {
  const r = runField(key);
  return { type: 'string', arg: override.arg ?? r.arg ?? 'X', help: override.help ?? runFieldHelp(r) };
}

/** The entry of a repeatable run setting (`--noise SPEC`). */
export function runListOption(key: string, override: OptionOverride = {}): ListOption {
  return { ...runOption(key, override), multiple: true };
}

/** The entries of every optimizer option (`--momentum`, `--weight-decay`, `--rho`, `--nesterov`, ...), from the optimizer declarations. */
export function optimizerOptionFlags(): Record<string, OptionSpec> {
  const table: Record<string, OptionSpec> = {};
  for (const r of optimizerOptionFields()) {
    table[r.flag] = r.field.kind === 'boolean' ? { type: 'boolean', help: runFieldHelp(r) } : { type: 'string', arg: r.arg ?? 'X', help: runFieldHelp(r) };
  }
  return table;
}

/** The `values.ts` range of a schema number range. */
function rangeOf(field: NumberField): Range {
  const r = field.range ?? {};
  const out: Range = {};
  if (r.min !== undefined) Object.assign(out, { min: r.min, above: r.minExclusive === true });
  if (r.max !== undefined) Object.assign(out, { max: r.max, below: r.maxExclusive === true });
  return out;
}

/**
 * The value of a run setting's flag, checked by its schema field.
 * @throws UsageError `<where>: --<flag> must be <expected>, received "<raw>"`.
 */
export function parseRunFlag(where: string, key: string, raw: string): unknown {
  return parseFieldFlag(where, runField(key), raw);
}

/** The value of a run setting's flag, or the setting's default when the flag is absent. */
export function flagOr(where: string, key: string, raw: string | undefined): unknown {
  if (raw !== undefined) return parseRunFlag(where, key, raw);
  const d = runField(key).field.default;
  return Array.isArray(d) ? [...(d as unknown[])] : d;
}

function parseFieldFlag(where: string, r: RunField, raw: string): unknown {
  const flag = `--${r.flag}`;
  const f = r.field;
  switch (f.kind) {
    case 'number':
      return f.range?.integer ? parseInteger(where, flag, raw, rangeOf(f)) : parseNumber(where, flag, raw, rangeOf(f));
    case 'choice':
      if (r.key === 'dataset' && !f.choices.includes(raw) && /[/\\.]/.test(raw)) {
        throw new UsageError(`${where}: --dataset names a built-in dataset (${f.choices.join(', ')}); ${JSON.stringify(raw)} looks like a path: for your own data use --data ${raw}`);
      }
      return parseChoice(where, flag, raw, f.choices);
    case 'custom':
      if (r.key === 'hidden') {
        const units = parseUnits(where, flag, raw);
        if (units.length > RUN_LIMITS.hiddenLayers || units.some((u) => u > RUN_LIMITS.width)) throw badValue(where, flag, f.expected, raw);
        return units;
      }
      if (r.key === 'model') return readModelFlag(where, raw);
      if (r.key === 'metrics') {
        const names = splitMetricList(raw);
        if (names.some((m) => m === '' || findMetric(m.split(':')[0]!.trim()) === undefined)) throw badValue(where, flag, f.expected, raw);
        // A metric's options (binaryAccuracy:threshold=0.7) are checked by its declaration.
        return names.map((m) => {
          try {
            return parseMetric(m, `${where}: --metrics`).spelling;
          } catch (e) {
            throw new UsageError((e as Error).message);
          }
        });
      }
      return raw;
    default:
      return raw;
  }
}

/** The optimizer options given as flags: momentum and the others (`optimizerOptions`), each checked by its declaration. */
export interface OptimizerFlagValues {
  momentum?: number;
  optimizerOptions: Record<string, number | boolean>;
  /** The flags given, as `--momentum`, for messages. */
  given: { flag: string; optimizers: readonly string[] }[];
}

/** Reads the optimizer option flags of `values` (a parsed flag table holding {@link optimizerOptionFlags}). */
export function optimizerFlagValues(where: string, values: Readonly<Record<string, unknown>>): OptimizerFlagValues {
  const out: OptimizerFlagValues = { optimizerOptions: {}, given: [] };
  for (const r of optimizerOptionFields()) {
    const raw = values[r.flag];
    if (raw === undefined) continue;
    const value = r.field.kind === 'boolean' ? (raw as boolean) : (parseFieldFlag(where, r, raw as string) as number);
    out.given.push({ flag: `--${r.flag}`, optimizers: r.optimizers! });
    if (r.key === 'momentum') out.momentum = value as number;
    else out.optimizerOptions[r.key.slice('optimizerOptions.'.length)] = value;
  }
  return out;
}

/** @throws UsageError `<where>: --momentum applies only to --optimizer sgd or rmsprop` for an option the chosen optimizer does not take. */
export function checkOptimizerFlags(where: string, optimizer: string, given: OptimizerFlagValues['given']): void {
  for (const g of given) if (!g.optimizers.includes(optimizer)) throw new UsageError(`${where}: ${g.flag} applies only to --optimizer ${g.optimizers.join(' or ')}`);
}
