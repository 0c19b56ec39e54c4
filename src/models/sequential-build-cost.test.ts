/** Adding a layer to a model costs the same however many layers came before: a spec of 2n layers takes twice the work of n, not four times. */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { sequential } from './sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import type { Layer } from '../parts/layer.js';

/** Layers whose `name` counts every read and write, half of them named by the model. */
function countedLayers(n: number, counter: { reads: number }): Layer[] {
  return Array.from({ length: n }, (_, i) => {
    const layer: Layer = i === 0 ? input({ shape: [2] }) : dense({ units: 2, ...(i % 2 ? { name: `layer_${i}` } : {}) });
    let name = layer.name;
    Object.defineProperty(layer, 'name', {
      get: () => {
        counter.reads++;
        return name;
      },
      set: (v: string) => void (name = v),
    });
    return layer;
  });
}

function namingWork(n: number): number {
  const counter = { reads: 0 };
  const layers = countedLayers(n, counter);
  counter.reads = 0;
  sequential(layers);
  return counter.reads;
}

it('reads each layer name a bounded number of times while adding layers, so building is linear in their count', () => {
  const n = namingWork(2000);
  const twice = namingWork(4000);
  assert.ok(twice <= 2.2 * n, `naming 4000 layers took ${twice} name reads, 2000 took ${n}`);
  assert.ok(n <= 10 * 2000, `${n} name reads for 2000 layers`);
});

it('names layers as before: dense, dense_1, and counts names a user gave under the same prefix', () => {
  const m = sequential([input({ shape: [2] }), dense({ units: 2 }), dense({ units: 2, name: 'dense_extra' }), dense({ units: 2 }), dense({ units: 2 })]);
  assert.deepEqual(
    m.layers.map((l) => l.name),
    ['input_layer', 'dense', 'dense_extra', 'dense_2', 'dense_3'],
  );
  assert.throws(() => m.add(dense({ units: 2, name: 'dense_2' })), /unique/);
});
