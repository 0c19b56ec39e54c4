import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandHelp, defineCommand, parseCommand } from './options.js';
import { UsageError } from './usage-error.js';

const command = defineCommand({
  name: 'demo',
  summary: 'a demo',
  description: 'A demo command.',
  options: {
    epochs: { type: 'string', arg: 'N', help: 'epochs' },
    noise: { type: 'string', multiple: true, arg: 'SPEC', help: 'a noise technique' },
    quiet: { type: 'boolean', short: 'q', help: 'less output' },
  },
  async run() {},
});

test('repeatable options keep every value in order; negative numbers are values', () => {
  const v = parseCommand(command, ['--noise', 'gaussian:0.1', '--epochs', '-3', '--noise=dropout:0.2', '-q']);
  assert.deepEqual({ ...v }, { noise: ['gaussian:0.1', 'dropout:0.2'], epochs: '-3', quiet: true });
});

test('parse errors are one line with a hint to --help', () => {
  const cases: [string[], string][] = [
    [['--nope'], 'noisenet demo: unknown option --nope; see noisenet demo --help'],
    [['--epochs'], 'noisenet demo: --epochs needs a value; see noisenet demo --help'],
    [['--quiet=yes'], 'noisenet demo: --quiet does not take a value; see noisenet demo --help'],
    [['stray'], 'noisenet demo: unexpected argument "stray"; see noisenet demo --help'],
  ];
  for (const [args, message] of cases) assert.throws(() => parseCommand(command, args), (e: Error) => e instanceof UsageError && e.message === message);
});

test('help lists every option with its placeholder', () => {
  const help = commandHelp(command);
  assert.match(help, /^Usage: noisenet demo \[options\]\n\nA demo command\.\n\nOptions:\n/);
  assert.match(help, / {6}--noise SPEC {2,}a noise technique \(repeatable\)\n/);
  assert.match(help, / {2}-q, --quiet {2,}less output\n/);
  assert.match(help, / {2}-h, --help {2,}show this help\n$/);
});
