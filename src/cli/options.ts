/**
 * Commands and their options, declared once as tables: `util.parseArgs` reads them, the help is
 * generated from them, and the parsed values are typed from them. A repeatable option is one
 * entry with `multiple: true`, e.g. `noise: { type: 'string', multiple: true, arg: 'SPEC', help: '...' }`,
 * read back as `string[]`.
 */
import { parseArgs } from 'node:util';
import type { CliContext } from './context.js';
import { UsageError } from './usage-error.js';
import { runField, runFieldHelp } from '../run/run-schema.js';

/** One `--flag`. The table key is the flag's name without dashes. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** Repeatable: every occurrence is kept, in order. */
  readonly multiple?: boolean;
  /** One-letter alias, e.g. `q` for `-q`. */
  readonly short?: string;
  /** The value's placeholder in the help, e.g. `N`, `DIR`. */
  readonly arg?: string;
  /** One line of help; say the default here. */
  readonly help: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** Parsed values typed from the table: booleans, strings, or lists of strings for `multiple`. */
export type Values<T extends OptionTable> = {
  [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : T[K]['multiple'] extends true ? string[] : string;
};

export interface Command<T extends OptionTable = OptionTable> {
  readonly name: string;
  /** One line, for `noisenet --help`. */
  readonly summary: string;
  /** Paragraph shown under the usage line of `noisenet <name> --help`. */
  readonly description: string;
  /** Text shown after the options of `noisenet <name> --help`, e.g. examples. */
  readonly epilog?: string;
  readonly options: T;
  /** Whether the command computes with a model: it then takes `--threads N`. */
  readonly computes?: boolean;
  /** Whether the command can compute on the GPU: it then takes `--backend wasm|webgpu`. */
  readonly gpu?: boolean;
  run(values: Values<T>, ctx: CliContext): Promise<void>;
}

/** A command whose option types have been checked by {@link defineCommand}, as `main` dispatches it. */
export type AnyCommand = Omit<Command, 'run'> & { run(values: Record<string, unknown>, ctx: CliContext): Promise<void> };

/** Declares a command with its values typed from its option table. */
export function defineCommand<T extends OptionTable>(command: Command<T>): AnyCommand {
  return command as unknown as AnyCommand;
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };
const THREADS: OptionSpec = { type: 'string', arg: runField('threads').arg ?? 'N', help: runFieldHelp(runField('threads')) };
const BACKEND: OptionSpec = { type: 'string', arg: runField('backend').arg ?? 'NAME', help: runFieldHelp(runField('backend')) };

/** The option table of a command as parsed: its own flags, `--backend` if it can use the GPU, `--threads` if it computes, `--help`. */
export function fullTable(command: AnyCommand): OptionTable {
  if (!command.computes) return { ...command.options, help: HELP };
  return command.gpu ? { ...command.options, backend: BACKEND, threads: THREADS, help: HELP } : { ...command.options, threads: THREADS, help: HELP };
}

/**
 * Parses `args` against the command's table (plus `--help`).
 * @throws UsageError for an unknown option, a missing value, or a stray argument; one line with a hint to --help.
 */
export function parseCommand(command: AnyCommand, args: readonly string[]): Record<string, unknown> & { help?: boolean } {
  const where = `noisenet ${command.name}`;
  const options = fullTable(command);
  try {
    const { values } = parseArgs({ args: joinNegativeValues(args, options), options: options as Record<string, OptionSpec>, strict: true, allowPositionals: false });
    return values as Record<string, unknown> & { help?: boolean };
  } catch (err) {
    throw new UsageError(`${where}: ${describeParseError(err as Error & { code?: string })}; see ${where} --help`);
  }
}

/** `--noise-stddev -1` would read `-1` as an option: rewrite it `--noise-stddev=-1` so range checks can name it. */
function joinNegativeValues(args: readonly string[], options: OptionTable): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = args[i + 1];
    const spec = a.startsWith('--') ? options[a.slice(2)] : undefined;
    if (spec?.type === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}

function describeParseError(err: Error & { code?: string }): string {
  const quoted = /'([^']*)'/.exec(err.message)?.[1] ?? '';
  const flag = /--[\w-]+/.exec(quoted)?.[0] ?? quoted.split(' ')[0];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(quoted)}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take/.test(err.message) ? `${flag} does not take a value` : `${flag} needs a value`;
    default:
      return err.message.split('\n')[0]!;
  }
}

/** `noisenet <name> --help`. */
export function commandHelp(command: AnyCommand): string {
  const rows = Object.entries(fullTable(command)).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.arg ? ` ${o.arg}` : ''}`;
    return [flag, o.multiple ? `${o.help} (repeatable)` : o.help] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length)) + 2;
  const lines = rows.map(([f, h]) => `  ${f.padEnd(width)}${h}`);
  const epilog = command.epilog ? `\n${command.epilog}\n` : '';
  return `Usage: noisenet ${command.name} [options]\n\n${command.description}\n\nOptions:\n${lines.join('\n')}\n${epilog}`;
}
