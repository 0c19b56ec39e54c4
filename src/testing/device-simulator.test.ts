import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDeviceSimulator, STALE_INDEX } from './device-simulator.js';

test('a buffer a kernel wrote reads NaN on the host until it is downloaded, then the kernel result', async () => {
  const b = createDeviceSimulator();
  const x = b.alloc(3);
  x.set([1, 2, 3]);
  b.device.upload([x]);
  const y = b.alloc(3);
  b.scale(x, 2, 1, y, 3);
  assert.ok(Array.from(y).every(Number.isNaN), 'stale after the kernel');
  assert.deepEqual(Array.from(x), [1, 2, 3], 'a buffer the kernel only read keeps its host copy');
  const pending = b.device.download([y]);
  assert.ok(Number.isNaN(y[0]), 'a download arrives later, not at once');
  await pending;
  assert.deepEqual(Array.from(y), [3, 5, 7]);
});

test('a host write without upload is lost: kernels read the device copy', async () => {
  const b = createDeviceSimulator();
  const x = b.alloc(2);
  const y = b.alloc(2);
  x.set([5, 6]);
  b.scale(x, 1, 0, y, 2);
  await b.device.download([y]);
  assert.deepEqual(Array.from(y), [0, 0], 'the write never reached the device');
  b.device.upload([x]);
  b.scale(x, 1, 0, y, 2);
  await b.device.download([y]);
  assert.deepEqual(Array.from(y), [5, 6]);
  assert.deepEqual(Array.from(b.deviceValues(x)), [5, 6]);
});

test('a download delivers the values of its place in the queue, not those of later kernels', async () => {
  const b = createDeviceSimulator();
  const x = b.alloc(1);
  x[0] = 1;
  b.device.upload([x]);
  b.scale(x, 2, 0, x, 1);
  const first = b.device.download([x]);
  b.scale(x, 2, 0, x, 1);
  await first;
  assert.equal(x[0], 2);
  await b.device.download([x]);
  assert.equal(x[0], 4);
});

test('scalar kernels return NaN and queue their values, which takeScalars gives in call order, once', async () => {
  const b = createDeviceSimulator();
  const logits = b.alloc(4);
  logits.set([2, 0, 0, 3]);
  b.device.upload([logits]);
  const labels = Int32Array.of(0, 0);
  assert.ok(Number.isNaN(b.countCorrect(logits, labels, 2, 2)));
  assert.ok(Number.isNaN(b.sum(logits, 4)));
  const taken = b.device.takeScalars();
  assert.ok(Number.isNaN(b.sum(logits, 2)), 'queued after the call: belongs to the next one');
  assert.deepEqual(Array.from(await taken), [1, 5]);
  assert.deepEqual(Array.from(await b.device.takeScalars()), [2]);
  assert.deepEqual(Array.from(await b.device.takeScalars()), []);
  assert.equal(b.stats.scalarsQueued, 3);
});

test('index buffers a kernel wrote read as STALE_INDEX until downloaded', async () => {
  const b = createDeviceSimulator();
  const x = b.alloc(4);
  x.set([1, 4, 2, 3]);
  b.device.upload([x]);
  const y = b.alloc(1);
  const argmax = b.allocIndices(1);
  const g = { batch: 1, inHeight: 2, inWidth: 2, channels: 1, outHeight: 1, outWidth: 1, poolHeight: 2, poolWidth: 2, strideHeight: 2, strideWidth: 2, padTop: 0, padLeft: 0 };
  b.maxPool2dForward(x, y, argmax, g);
  assert.equal(argmax[0], STALE_INDEX);
  await b.device.download([y, argmax]);
  assert.equal(y[0], 4);
  assert.equal(argmax[0], 1);
});

test('kernels refuse a view into a device buffer, and writing into host data', () => {
  const b = createDeviceSimulator();
  const x = b.alloc(4);
  assert.throws(() => b.scale(x.subarray(1), 1, 0, b.alloc(3), 3), /scale was given a view into a device buffer/);
  assert.throws(() => b.scale(x, 1, 0, new Float32Array(4), 4), /scale would write an array the backend did not allocate/);
  // Host data (a data set's bytes, an index) is read as it is.
  const out = b.alloc(2);
  b.gatherRows(Uint8Array.of(10, 20, 30), Int32Array.of(2, 0), 0, 2, 1, 0.5, out);
  return b.device.download([out]).then(() => assert.deepEqual(Array.from(out), [15, 5]));
});
