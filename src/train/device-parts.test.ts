/** The host-only parts as declared, and the table of them in the docs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { HostOnly } from '../parts/definitions.js';
import { AUGMENTATION_DEFINITIONS, LAYER_DEFINITIONS, LOSS_DEFINITIONS, METRIC_DEFINITIONS, OPTIMIZER_DEFINITIONS } from '../registry/catalogue.js';
import { hostOnlyReason } from './device-parts.js';

const DOC = new URL('../../docs/architecture/device-backends.md', import.meta.url);
const BEGIN = '<!-- host-only parts: made from the declarations (hostOnly), checked by src/train/device-parts.test.ts -->';
const END = '<!-- end of host-only parts -->';

/** The table's rows: every part that declares hostOnly, by kind, in catalogue order. */
function hostOnlyRows(): string[] {
  const kinds: [string, readonly { factory: string; hostOnly?: HostOnly }[]][] = [
    ['layer', LAYER_DEFINITIONS],
    ['loss', LOSS_DEFINITIONS],
    ['metric', METRIC_DEFINITIONS],
    ['augmentation', AUGMENTATION_DEFINITIONS],
    ['optimizer', OPTIMIZER_DEFINITIONS],
  ];
  return kinds.flatMap(([kind, definitions]) =>
    definitions.filter((d) => d.hostOnly !== undefined).map((d) => {
      const h = d.hostOnly!;
      return typeof h === 'string' ? `| ${kind} | \`${d.factory}\` | always | ${h} |` : `| ${kind} | \`${d.factory}\` | with \`${h.option}\` | ${h.reason} |`;
    }),
  );
}

test('the docs list every host-only part with the reason its declaration gives', async () => {
  const text = await readFile(DOC, 'utf8');
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  assert.ok(begin >= 0 && end > begin, `${DOC.pathname} has the generated section`);
  const table = text.slice(begin + BEGIN.length, end).trim().split('\n').slice(2);
  assert.deepEqual(table, hostOnlyRows(), `the table in docs/architecture/device-backends.md, made from the declarations:\n${hostOnlyRows().join('\n')}`);
});

test('an option-dependent declaration holds only when the option is in the config', () => {
  const h = { option: 'kernelRegularizer', reason: 'why' };
  assert.equal(hostOnlyReason(h, {}), null);
  assert.equal(hostOnlyReason(h, { kernelRegularizer: { l2: 0.1 } }), 'why');
  assert.equal(hostOnlyReason('always', {}), 'always');
  assert.equal(hostOnlyReason(undefined, { kernelRegularizer: { l2: 0.1 } }), null);
  const kernelLayers = LAYER_DEFINITIONS.filter((d) => d.kernelLayer);
  assert.ok(kernelLayers.length >= 2 && kernelLayers.every((d) => typeof d.hostOnly === 'object'), 'every kernel layer declares its L2 option');
  assert.ok(LOSS_DEFINITIONS.some((d) => d.factory === 'sparseCategoricalCrossentropy' && d.hostOnly === undefined), 'the sparse cross-entropy runs on a device');
});
