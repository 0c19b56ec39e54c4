/** docs/reference/cli.md is what the run schema and the command tables generate. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { cliReference } from './cli-reference.js';
import { COMMANDS } from './commands/index.js';
import { fullTable } from './options.js';
import { OPTIMIZER_NAMES, runFields } from '../run/run-schema.js';
import { LOSS_NAMES } from '../losses/index.js';

test('the committed CLI reference equals what the run schema generates', async () => {
  const committed = await readFile(new URL('../../docs/reference/cli.md', import.meta.url), 'utf8');
  assert.equal(committed, cliReference(), 'regenerate with: npm run docs:cli');
});

test('the reference names every command flag, every run setting, every optimizer and every loss', () => {
  const text = cliReference();
  for (const command of COMMANDS) {
    assert.ok(text.includes(`\n## noisenet ${command.name}\n`), command.name);
    for (const flag of Object.keys(fullTable(command))) assert.ok(text.includes(`--${flag}`), `${command.name} --${flag}`);
  }
  for (const r of runFields()) assert.ok(text.includes(`\`--${r.flag}`), r.key);
  for (const o of OPTIMIZER_NAMES) assert.ok(text.includes(`| \`${o}\` |`), o);
  for (const l of LOSS_NAMES) assert.ok(text.includes(`\`${l}\``), l);
});
