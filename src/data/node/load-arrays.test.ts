import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { pythonSkip, runPython } from '../../testing/python-reference.js';
import { parseNpy } from '../npy.js';
import { parseNpz } from '../npz.js';
import { loadData } from './load-data.js';

const skip = pythonSkip(['numpy']);
const dir = mkdtempSync(join(tmpdir(), 'noisenet-npz-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const DTYPES = ['float32', 'float64', 'uint8', 'int8', 'int16', 'int32', 'int64', 'uint16', 'uint32', 'bool'];

/** Files NumPy writes for these tests, and the values it wrote, as JSON. */
const reference = skip
  ? null
  : (JSON.parse(
      runPython(['numpy'], `import json, sys, numpy as np
d = sys.argv[1]
rng = np.random.default_rng(0)
arrays = {}
for t in ${JSON.stringify(DTYPES)}:
    if t == 'bool': a = rng.integers(0, 2, (2, 3, 4)).astype(bool)
    elif t.startswith('float'): a = rng.normal(0, 1e3, (2, 3, 4)).astype(t)
    else:
        info = np.iinfo(t)
        a = rng.integers(max(info.min, -2**40), min(info.max, 2**40), (2, 3, 4), endpoint=True).astype(t)
    arrays[t] = a
np.savez(d + '/all.npz', **arrays)
np.savez_compressed(d + '/all-compressed.npz', **arrays)
x = rng.integers(0, 256, (20, 4, 4, 3)).astype(np.uint8); y = np.arange(20) % 3
np.savez_compressed(d + '/data.npz', x_train=x[:15], y_train=y[:15], x_test=x[15:], y_test=y[15:])
np.savez(d + '/floats.npz', x=rng.normal(size=(10, 5)), y=np.arange(10) % 2)
np.save(d + '/fortran.npy', np.asfortranarray(np.ones((3, 4), np.float32)))
np.save(d + '/object.npy', np.array([1, 'a', None], dtype=object), allow_pickle=True)
np.save(d + '/lie.npy', np.ones((10, 10), np.float32))
b = open(d + '/lie.npy', 'rb').read(); open(d + '/lie.npy', 'wb').write(b[:-40])
np.savez_compressed(d + '/bomb.npz', x_train=np.zeros(50_000_000, np.uint8), y_train=np.zeros(1, np.int64))
b = bytearray(open(d + '/bomb.npz', 'rb').read())
i = b.index(b'PK\\x01\\x02')  # the first directory entry: x_train.npy
b[i + 24:i + 28] = (1000).to_bytes(4, 'little')
open(d + '/liar.npz', 'wb').write(bytes(b))
print(json.dumps({t: a.astype(float).ravel().tolist() for t, a in arrays.items()}))`, [dir]),
    ) as Record<string, number[]>);

for (const file of ['all.npz', 'all-compressed.npz']) {
  test(`every dtype of an .npz written by numpy.${file === 'all.npz' ? 'savez' : 'savez_compressed'} reads as NumPy's values`, { skip }, () => {
    const arrays = parseNpz(readFileSync(join(dir, file)), file);
    assert.deepEqual(Object.keys(arrays).sort(), [...DTYPES].sort());
    for (const t of DTYPES) {
      const a = arrays[t]!;
      assert.equal(a.dtype, t);
      assert.deepEqual(a.shape, [2, 3, 4]);
      const values = Array.from(a.data as ArrayLike<number | bigint>, Number);
      const expected = reference![t]!;
      if (t === 'float32') assert.deepEqual(values, expected.map(Math.fround), t);
      else assert.deepEqual(values, expected, t);
    }
  });
}

test('an .npz of x_train, y_train, x_test, y_test loads as a dataset: byte samples kept, classes from the targets', { skip }, async () => {
  const d = await loadData(join(dir, 'data.npz'));
  assert.equal(d.kind, 'arrays');
  assert.deepEqual(d.sampleShape, [4, 4, 3]);
  assert.equal(d.xScale, 1 / 255);
  assert.deepEqual(d.classes, ['0', '1', '2']);
  assert.equal(d.train.count, 15);
  assert.equal(d.test!.count, 5);
  assert.deepEqual([...d.test!.y], [0, 1, 2, 0, 1]);
  const named = await loadData(join(dir, 'floats.npz'), { x: 'x', y: 'y', classes: ['no', 'yes'], valSplit: 0.2 });
  assert.deepEqual(named.sampleShape, [5]);
  assert.deepEqual(named.classes, ['no', 'yes']);
  assert.equal(named.test!.count, 2);
  assert.ok(named.train.x instanceof Float32Array);
  await assert.rejects(loadData(join(dir, 'floats.npz'), { x: 'features' }), { message: `${join(dir, 'floats.npz')}: no array named 'features'; the arrays are 'x', 'y'` });
});

test('bad arrays are refused in one line naming the file: Fortran order, object dtype, a header lying about the size', { skip }, () => {
  const read = (f: string) => parseNpy(readFileSync(join(dir, f)), f);
  assert.throws(() => read('fortran.npy'), { name: 'DataFileError', message: 'fortran.npy: Fortran-order array; save it in C order (numpy.ascontiguousarray) first' });
  assert.throws(() => read('object.npy'), { name: 'DataFileError', message: "object.npy: object array (dtype '|O'); save numbers, e.g. arr.astype('float32')" });
  assert.throws(() => read('lie.npy'), { name: 'DataFileError', message: 'lie.npy: truncated .npy data: shape (10, 10) of float32 needs 400 bytes, found 360' });
});

test('a zip bomb .npz is refused: from the directory over maxBytes, and while inflating past a size the directory understates', { skip }, () => {
  const bomb = readFileSync(join(dir, 'bomb.npz'));
  assert.ok(bomb.length < 200_000, 'a small file');
  assert.throws(() => parseNpz(bomb, 'bomb.npz', 1_000_000), (e: Error) => e.name === 'DataFileError' && /^bomb\.npz: its arrays declare 500\d{5} bytes in all, more than the limit of 1000000 \(the loader's maxBytes option\)$/.test(e.message));
  assert.throws(() => parseNpz(readFileSync(join(dir, 'liar.npz')), 'liar.npz'), (e: Error) => e.name === 'DataFileError' && /^liar\.npz: x_train\.npy: inflates to more than the 1000 bytes the zip directory declares \(stopped at \d+\): refused$/.test(e.message));
});
