/**
 * The CLI reference (docs/reference/cli.md) as Markdown, generated from the run schema
 * (src/run/run-schema.ts), the registry's optimizers and losses, and the commands' option
 * tables: `npm run docs:cli` writes it, and a test checks that the committed file is what
 * this function gives.
 */
import type { Field } from '../schema/fields.js';
import { METRIC_NAMES, optimizerOptionFields, runFieldHelp, runFields, type RunField, type RunFieldGroup } from '../run/run-schema.js';
import { RUN_OPTIMIZER_DEFINITIONS } from '../registry/catalogue.js';
import { LOSS_NAMES } from '../losses/index.js';
import { configKeys } from '../experiments/config-parse.js';
import { MODEL_AXIS_KEYS } from '../sweep/sweep-config-parse.js';
import { COMMANDS } from './commands/index.js';
import { fullTable, type AnyCommand } from './options.js';

const GROUP_TITLES: Record<RunFieldGroup, string> = {
  data: 'Data', model: 'Model', optimizer: 'Optimizer', training: 'Training', noise: 'Noise', seeds: 'Seeds', evaluation: 'Evaluation', output: 'Output',
};

/** A table cell: pipes escaped, on one line. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** What values a field takes, in words. */
function valueWords(f: Field): string {
  switch (f.kind) {
    case 'number': {
      const r = f.range ?? {};
      const parts = [r.min !== undefined ? `${r.minExclusive ? '>' : '>='} ${r.min}` : '', r.max !== undefined ? `${r.maxExclusive ? '<' : '<='} ${r.max}` : ''].filter(Boolean);
      return `${r.integer ? 'integer' : 'number'}${parts.length ? ` ${parts.join(', ')}` : ''}`;
    }
    case 'choice':
      return f.choices.map((c) => `\`${c}\``).join(', ');
    case 'boolean':
      return 'true or false';
    case 'string':
      return 'text';
    default:
      return f.kind === 'custom' ? f.expected : f.kind;
  }
}

function settingRow(r: RunField): string {
  const key = r.cliOnly ? '(command line only)' : `\`${r.configKey ?? r.key}\``;
  const flag = `\`--${r.flag}${r.arg ? ` ${r.arg}` : ''}\``;
  return `| ${key} | ${cell(flag)} | ${cell(valueWords(r.field))} | ${cell(runFieldHelp(r))} |`;
}

function runSettingsSection(): string[] {
  const lines = ['## Run settings', '', 'Every setting of a training run, declared once in the run schema. Each command takes the flags its table lists below; the key is the field of a config file (`noisenet compare --config FILE`, `noisenet sweep --config FILE`) and of results.json.', ''];
  for (const group of Object.keys(GROUP_TITLES) as RunFieldGroup[]) {
    const rows = runFields().filter((r) => r.group === group);
    if (rows.length === 0) continue;
    lines.push(`### ${GROUP_TITLES[group]}`, '', '| config key | flag | values | help |', '| --- | --- | --- | --- |', ...rows.map(settingRow), '');
  }
  const nested = optimizerOptionFields().filter((r) => r.key.includes('.'));
  if (nested.length) lines.push(`In a config file, the optimizer options but \`lr\` and \`momentum\` sit in one object: \`"optimizerOptions": { ${nested.slice(0, 2).map((r) => `"${r.key.split('.')[1]}": ...`).join(', ')} }\`.`, '');
  lines.push(`Top-level fields of a config file: ${configKeys().map((k) => `\`${k}\``).join(', ')}.`, '');
  lines.push(`A sweep's \`search.models\` entries may set: ${MODEL_AXIS_KEYS.map((k) => `\`${k}\``).join(', ')}.`, '');
  return lines;
}

function optimizersSection(): string[] {
  const lines = ['## Optimizers', '', 'From the registry; each takes its own options (Keras defaults).', '', '| optimizer | what it is | options (default) |', '| --- | --- | --- |'];
  for (const d of RUN_OPTIMIZER_DEFINITIONS) {
    const options = Object.entries(d.options as Record<string, Field>).map(([k, f]) => `\`${k}\` (${String(f.default)})`).join(', ');
    lines.push(`| \`${d.factory}\` | ${cell(d.summary)} | ${cell(options)} |`);
  }
  lines.push('', `Losses: ${LOSS_NAMES.map((l) => `\`${l}\``).join(', ')}. Metrics: ${METRIC_NAMES.map((m) => `\`${m}\``).join(', ')}.`, '');
  return lines;
}

function commandSection(command: AnyCommand): string[] {
  const lines = [`## noisenet ${command.name}`, '', `${command.summary}.`, '', '```', `Usage: noisenet ${command.name} [options]`, '', command.description, '```', '', '| flag | help |', '| --- | --- |'];
  for (const [name, o] of Object.entries(fullTable(command))) {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.arg ? ` ${o.arg}` : ''}`;
    lines.push(`| \`${cell(flag)}\` | ${cell(o.multiple ? `${o.help} (repeatable)` : o.help)} |`);
  }
  if (command.epilog) lines.push('', '```', command.epilog, '```');
  lines.push('');
  return lines;
}

/** docs/reference/cli.md. */
export function cliReference(): string {
  const lines = [
    '# CLI reference',
    '',
    '<!-- Generated from the run schema and the command tables by `npm run docs:cli`; do not edit by hand. -->',
    '',
    `Commands: ${COMMANDS.map((c) => `[\`${c.name}\`](#noisenet-${c.name})`).join(', ')}.`,
    '',
    ...runSettingsSection(),
    ...optimizersSection(),
    ...COMMANDS.flatMap(commandSection),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
