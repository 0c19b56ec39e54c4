/** The summary table keeps its columns apart whatever the layer names: a long name widens its column. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sequential } from './sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';

test('summary columns line up, separated, with a layer name longer than the column', () => {
  const model = sequential([
    input({ shape: [784] }),
    gaussianNoise({ stddev: 0.1, name: 'input_noise_with_a_name_much_longer_than_the_column' }),
    dense({ units: 128, activation: 'relu' }),
    dense({ units: 10, activation: 'softmax', name: 'classifier' }),
  ], { backend: createRefBackend() });
  const lines = model.summary().split('\n');
  const header = lines.find((l) => l.startsWith(' Layer (type)'))!;
  const rows = lines.filter((l) => /\((GaussianNoise|Dense)\)/.test(l));
  assert.equal(rows.length, 3);
  const shapeAt = header.indexOf('Output Shape');
  const paramsAt = header.indexOf('Param #');
  for (const r of rows) {
    assert.equal(r.indexOf('(None,'), shapeAt, `the shape column lines up: ${JSON.stringify(r)}`);
    assert.equal(r[shapeAt - 1], ' ', `a space before the shape: ${JSON.stringify(r)}`);
    assert.match(r.slice(paramsAt - 1), /^ \d+$/, `the count column lines up: ${JSON.stringify(r)}`);
  }
  assert.ok(lines.every((l) => l.length <= lines[1]!.length), 'the rules span the table');
  assert.match(rows[0]!, /^ input_noise_with_a_name_much_longer_than_the_column \(GaussianNoise\) +\(None, 784\) +0$/);
});
