/** One view of the playground's data: digit data alone gets the drawing pad; own data shows its shape, classes and samples. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '../data/types.js';
import { classesOf, countsOf, describeData, isDigitData, sampleShapeOf, validationSample, type OwnData } from './playground-data.js';

const split = (count: number): Dataset['train'] => ({ images: Uint8Array.from({ length: count * 4 }, (_, i) => i), labels: Uint8Array.from({ length: count }, (_, i) => i % 2), count, height: 2, width: 2 });
const grey = (name: string): Dataset => ({ name, classes: ['0', '1'], train: split(6), test: split(3), source: 'test' });
const table: OwnData = {
  kind: 'own',
  name: 'iris.csv',
  loaded: {
    kind: 'table', source: 'table iris.csv', task: 'classification', sampleShape: [2], xScale: 1, classes: ['setosa', 'virginica'],
    train: { x: Float32Array.of(1, 2, 3, 4), y: Int32Array.of(0, 1), count: 2 },
    test: { x: Float32Array.of(5.5, 6, 7, 8), y: Int32Array.of(1, 0), count: 2 },
    preprocessing: [], warnings: [],
  },
};

test('the drawing pad is for digit data only: MNIST and mnist-mini, not Fashion-MNIST, own images or tables', () => {
  assert.deepEqual([grey('mnist'), grey('mnist-mini'), grey('fashion-mnist'), grey('own images'), table].map(isDigitData), [true, true, false, false, false]);
});

test('shape, classes, counts, a validation sample and a description of grey images and of a table', () => {
  assert.deepEqual([sampleShapeOf(grey('mnist-mini')), sampleShapeOf(table)], [[2, 2, 1], [2]]);
  assert.deepEqual([classesOf(table), countsOf(table), countsOf(grey('x'))], [['setosa', 'virginica'], { train: 2, validation: 2 }, { train: 6, validation: 3 }]);
  const row = validationSample(table, 2);
  assert.deepEqual([row.index, [...row.values], row.label], [0, [5.5, 6], 1]);
  const image = validationSample(grey('mnist-mini'), 1);
  assert.deepEqual([image.index, [...image.values].map((v) => Math.round(v * 255)), image.label], [1, [4, 5, 6, 7], 1]);
  assert.equal(describeData(table), 'iris.csv: 2 training and 2 validation rows of 2 features, 2 classes (setosa, virginica; table iris.csv).');
});
