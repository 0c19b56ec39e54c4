/**
 * The limits of a run's settings, declared once: the run schema's ranges, the config-file and
 * sweep parsers and the queue worker's job check all read them, and the CLI reference states
 * them. Far above any sensible run, they stop a typing slip or a hostile job (epochs 1e9, a
 * million noise levels) from training or evaluating for ever. A worker may raise them
 * (`noisenet worker --limits epochs=100000`).
 */
import { InvalidArgumentError } from '../errors.js';

/** The bounds of a run's settings and of the lists a config holds. */
export interface RunLimits {
  /** Most epochs of a run. */
  readonly epochs: number;
  /** Largest batch size. */
  readonly batchSize: number;
  /** Largest training or validation subset (`trainSize`, `valSize`, `robustness.samples`). */
  readonly samples: number;
  /** Most hidden layers of the mlp preset. */
  readonly hiddenLayers: number;
  /** Widest hidden layer of the mlp preset. */
  readonly width: number;
  /** Most noise specs of one configuration. */
  readonly noiseSpecs: number;
  /** Most configurations of an experiment or sweep, and most levels of one swept parameter. */
  readonly configurations: number;
  /** Most seeds (a count or a list). */
  readonly seeds: number;
  /** Most test-time noise levels of the robustness table (`robustness.stddevs`). */
  readonly levels: number;
  /** Most noise draws per robustness level. */
  readonly draws: number;
}

/** The default limits. */
export const RUN_LIMITS: RunLimits = {
  epochs: 10_000,
  batchSize: 65_536,
  samples: 10_000_000,
  hiddenLayers: 64,
  width: 65_536,
  noiseSpecs: 64,
  configurations: 1_000,
  seeds: 10_000,
  levels: 100,
  draws: 1_000,
};

/** The names of the limits, as `--limits` takes them. */
export const RUN_LIMIT_NAMES = Object.keys(RUN_LIMITS) as (keyof RunLimits)[];

/** The limits as `--limits` takes them, `perLine` to a line: `epochs=10000, batchSize=65536, ...`. */
export function describeRunLimits(limits: RunLimits = RUN_LIMITS, perLine = RUN_LIMIT_NAMES.length): string {
  const pairs = RUN_LIMIT_NAMES.map((k) => `${k}=${limits[k]}`);
  const lines: string[] = [];
  for (let i = 0; i < pairs.length; i += perLine) lines.push(pairs.slice(i, i + perLine).join(', '));
  return lines.join(',\n');
}

/**
 * Limits raised (or lowered) from `name=N,...`: `epochs=100000,draws=5000`.
 * @throws InvalidArgumentError naming the unknown limit or the invalid value.
 */
export function parseRunLimits(text: string, base: RunLimits = RUN_LIMITS): RunLimits {
  const out: Record<string, number> = { ...base };
  for (const part of text.split(',')) {
    const [name, value, ...rest] = part.split('=').map((s) => s.trim());
    if (!RUN_LIMIT_NAMES.includes(name as keyof RunLimits) || rest.length > 0) {
      throw new InvalidArgumentError(`limits: expected name=N with a name among ${RUN_LIMIT_NAMES.join(', ')}, received ${JSON.stringify(part)}`);
    }
    const n = Number(value);
    if (value === undefined || value === '' || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`limits: ${name} must be an integer >= 1, received ${JSON.stringify(value ?? '')}`);
    out[name!] = n;
  }
  return out as unknown as RunLimits;
}
