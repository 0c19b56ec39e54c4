/** The preview grid: cells in rows and columns apart by a grey gap, its PNG decoding to the same size and pixels. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PREVIEW_GAP, PREVIEW_GAP_VALUE, previewGrid, previewSize } from './preview-grid.js';
import { encodePng } from '../data/encode-png.js';
import { decodeImage } from '../data/decode-image.js';
import { ShapeError } from '../errors.js';

test('a 2 x 3 grid of 4 x 5 RGB images: its size, each cell in place, the gaps grey; its PNG decodes to the same pixels', () => {
  const shape = { height: 4, width: 5, channels: 3 };
  const cell = (v: number): Float32Array => new Float32Array(60).fill(v);
  const rows = [[cell(0), cell(0.2), cell(0.4)], [cell(0.6), cell(0.8), cell(1)]];
  const grid = previewGrid(rows, shape);
  assert.deepEqual(previewSize(2, 3, shape), { width: 3 * 5 + 4 * PREVIEW_GAP, height: 2 * 4 + 3 * PREVIEW_GAP });
  assert.deepEqual([grid.width, grid.height, grid.channels], [23, 14, 3]);
  const at = (x: number, y: number): number => grid.data[(y * grid.width + x) * 3]!;
  assert.equal(at(0, 0), PREVIEW_GAP_VALUE);
  assert.equal(at(PREVIEW_GAP, PREVIEW_GAP), 0);
  assert.equal(at(PREVIEW_GAP + 2 * (5 + PREVIEW_GAP) + 4, PREVIEW_GAP + 4 + PREVIEW_GAP + 3), 255, 'the last cell\'s last pixel');
  assert.equal(at(PREVIEW_GAP + 5 + PREVIEW_GAP, PREVIEW_GAP + 4 + PREVIEW_GAP), Math.round(0.8 * 255));
  const png = decodeImage(encodePng(grid.data, grid.width, grid.height, 3), 'grid.png');
  assert.deepEqual([png.width, png.height, png.channels], [23, 14, 3]);
  assert.deepEqual(png.data, grid.data);
});

test('bad input: rows of different lengths, a cell of the wrong size, bytes that do not fill the PNG', () => {
  const shape = { height: 2, width: 2, channels: 1 };
  assert.throws(() => previewGrid([[new Float32Array(4)], [new Float32Array(4), new Float32Array(4)]], shape), (e: unknown) => e instanceof ShapeError && /row 1 has 2 images, row 0 has 1/.test(e.message));
  assert.throws(() => previewGrid([[new Float32Array(3)]], shape), /image 0 of row 0 has 3 values, 4 expected/);
  assert.throws(() => previewGrid([], shape), /at least one row/);
  assert.throws(() => encodePng(new Uint8Array(5), 2, 2, 1), /2 x 2 x 1 = 4 bytes expected, got 5/);
});
