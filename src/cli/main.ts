/**
 * The `noisenet` command line: dispatch, help, version, and the one place that maps errors to
 * exit codes. Misuse: one line on stderr, exit 2. Runtime failure (a NoisenetError): one line,
 * exit 1, no stack trace. Ctrl-C: one line, exit 130 (a command that claims Ctrl-C through
 * `ctx.catchInterrupt` saves its work first and throws {@link Interrupted}).
 */
import { availableParallelism } from 'node:os';
import '../node.js'; // the Node platform: wasm kernels read from the package, worker threads
import { NoisenetError, printable } from '../errors.js';
import { noisenetVersion } from '../io/version.js';
import { Interrupted, type CliContext } from './context.js';
import { COMMANDS } from './commands/index.js';
import { commandHelp, parseCommand, type AnyCommand } from './options.js';
import { UsageError } from './usage-error.js';
import { parseInteger } from './values.js';
import { configureBackend } from '../kernels/registry.js';
import { useCliBackend } from './cli-backend.js';

/** Runs one command line (without `node` and the script); resolves to the exit code. */
export async function main(args: readonly string[], given: CliContext): Promise<number> {
  const { ctx, lineOpen } = trackLines(given);
  let where = 'noisenet';
  try {
    const [first, ...rest] = args;
    if (first === '--help' || first === '-h' || first === 'help') {
      const command = rest[0] === undefined ? undefined : find(rest[0]);
      ctx.stdout.write(command ? commandHelp(command) : topHelp());
      return 0;
    }
    if (first === '--version' || first === '-v') {
      ctx.stdout.write(`${noisenetVersion()}\n`);
      return 0;
    }
    if (first === undefined) throw new UsageError(`noisenet: missing command (${COMMANDS.map((c) => c.name).join(', ')}); see noisenet --help`);
    if (first.startsWith('-')) throw new UsageError(`noisenet: unknown option ${first}; see noisenet --help`);
    const command = find(first);
    where = `noisenet ${command.name}`;
    const values = parseCommand(command, rest);
    if (values.help) {
      ctx.stdout.write(commandHelp(command));
      return 0;
    }
    if (values.threads !== undefined) {
      const threads = parseInteger(where, '--threads', String(values.threads), { min: 1 });
      const cores = availableParallelism();
      if (threads > cores) ctx.stderr.write(`${where}: --threads ${threads} is more than the ${cores} cores of this machine: the extra threads only wait for a core (results do not depend on the thread count)\n`);
      configureBackend({ threads });
      delete values.threads;
    }
    let onGpu = false;
    if (values.backend !== undefined) {
      onGpu = await useCliBackend(where, String(values.backend), values.verbose === true, ctx);
      delete values.backend;
    }
    try {
      await command.run(values, ctx);
    } finally {
      // The GPU device is released (Dawn's keeps the process alive) and the default backend restored.
      if (onGpu) configureBackend({});
    }
    return 0;
  } catch (err) {
    // On a terminal, a progress bar may have left its line open: the error starts a new one.
    if (lineOpen()) ctx.stderr.write('\n');
    return report(err, where, ctx);
  }
}

/**
 * The context, with a record of whether a terminal's last line was left open (a progress bar
 * drawn with `\r`), and every write made {@link printable}: a name, spec or path holding
 * terminal escapes or control characters is printed with them escaped.
 */
function trackLines(ctx: CliContext): { ctx: CliContext; lineOpen: () => boolean } {
  let open = false;
  const track = (stream: CliContext['stdout'] | CliContext['stderr']): { write(s: string): void; readonly isTTY: boolean } => ({
    write: (s: string) => {
      if (s.length > 0 && stream.isTTY) open = !s.endsWith('\n');
      stream.write(printable(s));
    },
    isTTY: Boolean(stream.isTTY),
  });
  return { ctx: { ...ctx, stdout: track(ctx.stdout), stderr: track(ctx.stderr) }, lineOpen: () => open };
}

function find(name: string): AnyCommand {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`noisenet: unknown command ${JSON.stringify(name)} (commands: ${COMMANDS.map((c) => c.name).join(', ')}); see noisenet --help`);
  return command;
}

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 3;
  return [
    `noisenet ${noisenetVersion()}: train neural networks with noise injection`,
    '',
    'Usage: noisenet <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help',
    '  -v, --version  print the version',
    '',
    "Run 'noisenet <command> --help' for a command's options.",
    '',
  ].join('\n');
}

/** Prints an error as one line and picks the exit code. */
function report(err: unknown, where: string, ctx: CliContext): number {
  const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();
  if (err instanceof Interrupted) {
    ctx.stderr.write(`${oneLine(err.message)}\n`);
    return 130;
  }
  if (err instanceof UsageError) {
    ctx.stderr.write(`${oneLine(err.message)}\n`);
    return 2;
  }
  if (err instanceof NoisenetError) {
    ctx.stderr.write(`${where}: ${oneLine(err.message)}\n`);
    return 1;
  }
  ctx.stderr.write(`${where}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}

/** Runs `process.argv` with the real streams and exits with the command's code. */
export async function run(): Promise<void> {
  const interrupt = new AbortController();
  let claimed = false;
  const ctx: CliContext = {
    stdout: { write: (s) => void process.stdout.write(s), isTTY: Boolean(process.stdout.isTTY) },
    stderr: { write: (s) => void process.stderr.write(s), isTTY: Boolean(process.stderr.isTTY) },
    env: process.env,
    catchInterrupt: () => {
      claimed = true;
      return interrupt.signal;
    },
  };
  const command = process.argv[2] && !process.argv[2].startsWith('-') ? ` ${process.argv[2]}` : '';
  // A reader that went away (`noisenet train | head -1`) is not an error of ours: stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  process.on('SIGINT', () => {
    // The first Ctrl-C of a command that claimed it lets the command save its work; any other exits now.
    if (claimed && !interrupt.signal.aborted) {
      interrupt.abort(new Interrupted(`noisenet${command}: interrupted`));
      return;
    }
    process.stderr.write(`${process.stdout.isTTY || process.stderr.isTTY ? '\n' : ''}noisenet${command}: interrupted\n`);
    process.exit(130);
  });
  const code = await main(process.argv.slice(2), ctx);
  process.exit(code);
}
