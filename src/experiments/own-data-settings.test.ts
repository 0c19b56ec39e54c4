/**
 * The data settings of a config's `data` that apply to some kinds of data only: `delimiter`,
 * `header`, `arrays` and `pixels` read and checked, handed to the loader, refused for data they
 * do not apply to; and which data gets a normalization layer first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExperimentConfig } from './config-parse.js';
import { ExperimentConfigError } from './config.js';
import { misappliedSetting, normalizes, ownDataLoadOptions, parseDelimiter } from './own-data.js';

test('a config reads data.delimiter (tab spelled tab or \\t), data.header (auto, yes, no or a boolean), data.arrays (a list or a comma-separated text) and data.pixels', () => {
  const data = (d: Record<string, unknown>): unknown => parseExperimentConfig({ data: { path: 'x', ...d } }, 'c.json').data;
  assert.deepEqual(data({ delimiter: 'tab', header: true, arrays: 'a, b', pixels: 'standardize' }), { path: 'x', delimiter: '\t', header: 'yes', arrays: ['a', 'b'], pixels: 'standardize' });
  assert.deepEqual(data({ delimiter: '\\t', header: 'no', arrays: ['a', 'b', 'c', 'd'] }), { path: 'x', delimiter: '\t', header: 'no', arrays: ['a', 'b', 'c', 'd'] });
  assert.deepEqual(data({ delimiter: ';', header: false }), { path: 'x', delimiter: ';', header: 'no' });
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ delimiter: ';;' }, /^c\.json: data\.delimiter: must be one character other than a quote or a newline, or tab \(\\t\), received ";;"$/],
    [{ delimiter: '"' }, /data\.delimiter: must be one character/],
    [{ delimiter: 9 }, /data\.delimiter: must be one character/],
    [{ header: 'maybe' }, /^c\.json: data\.header: must be one of auto, yes, no, received "maybe"$/],
    [{ arrays: ['x'] }, /^c\.json: data\.arrays: must be two or four distinct array names/],
    [{ arrays: ['x', 'y', 'z'] }, /data\.arrays: must be two or four/],
    [{ arrays: ['x', 'x'] }, /data\.arrays: must be two or four distinct/],
    [{ pixels: 'zscore' }, /^c\.json: data\.pixels: must be one of unit, standardize, received "zscore"$/],
  ];
  for (const [d, message] of bad) assert.throws(() => data(d), (e: unknown) => e instanceof ExperimentConfigError && message.test(e.message), JSON.stringify(d));
});

test("a config's data settings reach the loader as its options", () => {
  assert.deepEqual(ownDataLoadOptions({ path: 'x', delimiter: '|', header: 'no', arrays: ['a', 'b'] }), { delimiter: '|', header: false, x: 'a', y: 'b' });
  assert.deepEqual(ownDataLoadOptions({ path: 'x', header: 'auto', arrays: ['a', 'b', 'c', 'd'] }), { x: 'a', y: 'b', xTest: 'c', yTest: 'd' });
  assert.equal(parseDelimiter('tab'), '\t');
  assert.equal(parseDelimiter('\n'), undefined);
});

test('a setting for another kind of data is named with the reason: a delimiter or header for images, array names for a table, pixel scaling for features', () => {
  const images = { kind: 'images' as const, sampleShape: [8, 8, 3] };
  const table = { kind: 'table' as const, sampleShape: [4] };
  const arrays = { kind: 'arrays' as const, sampleShape: [8, 8, 1] };
  assert.deepEqual(misappliedSetting(images, 'photos', { delimiter: ';' }), { key: 'delimiter', reason: 'applies only to tables (CSV/TSV files); photos is a folder of images' });
  assert.equal(misappliedSetting(arrays, 'a.npz', { header: 'no' })?.key, 'header');
  assert.deepEqual(misappliedSetting(table, 't.csv', { arrays: ['a', 'b'] }), { key: 'arrays', reason: 'applies only to .npz files; t.csv is a table' });
  assert.match(misappliedSetting(table, 't.csv', { pixels: 'unit' })!.reason, /^applies only to images \[height, width, channels\] .*; t\.csv is a table: its samples are feature vectors \(4 values\)/);
  assert.match(misappliedSetting({ kind: 'arrays', sampleShape: [8, 8] }, 'f.npz', { pixels: 'standardize' })!.reason, /its samples have shape \[8, 8\], no channel axis$/);
  assert.equal(misappliedSetting(table, 't.csv', { delimiter: ';', header: 'yes' }), undefined);
  assert.equal(misappliedSetting(arrays, 'a.npz', { arrays: ['a', 'b'], pixels: 'standardize' }), undefined);
  assert.equal(misappliedSetting({ kind: 'idx', sampleShape: [28, 28, 1] }, 'mnist', { pixels: 'standardize' }), undefined);
});

test('features are normalized unless standardize is false, images only with pixels standardize', () => {
  assert.equal(normalizes({ sampleShape: [4] }, {}), true);
  assert.equal(normalizes({ sampleShape: [4] }, { standardize: false }), false);
  assert.equal(normalizes({ sampleShape: [8, 8, 3] }, {}), false);
  assert.equal(normalizes({ sampleShape: [8, 8, 3] }, { pixels: 'unit' }), false);
  assert.equal(normalizes({ sampleShape: [8, 8, 3] }, { pixels: 'standardize', standardize: false }), true);
});
