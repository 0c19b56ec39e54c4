/**
 * A run trained on a device backend is measured on a host copy: on the device simulator (the
 * reference kernels behind the download/upload protocol) `trainOneRun` gives the robustness and
 * calibration of the same run trained on the reference backend, which synchronous `predict` on
 * the device model could not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Backend } from '../kernels/backend.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { createDeviceSimulator } from '../testing/device-simulator.js';
import { loadDataset } from '../data/node/load-dataset.js';
import { subsetSplit } from '../data/subset-split.js';
import { imagesOf, labelsOf } from '../data/split-tensors.js';
import { buildModel } from '../models/model-spec.js';
import { presetSpec } from '../models/presets.js';
import { trainOneRun } from './train-one-run.js';
import { hostCopy } from './host-copy.js';

const data = await loadDataset('mnist-mini', { seed: 42 });
const split = (s: typeof data.train) => ({ x: imagesOf(s), y: labelsOf(s) });
const runData = { train: split(subsetSplit(data.train, 128, 1)), validation: split(subsetSplit(data.test, 64, 2)), classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] };

function mlp(backend: Backend) {
  const model = buildModel(presetSpec('mlp', { inputShape: [784], classes: 10, hidden: [16] }), { backend });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

test('a run trained on a device backend is measured on a host copy, to the reference backend\'s figures', async () => {
  const settings = { epochs: 1, batchSize: 32, seed: 3, robustness: { stddevs: [0, 0.5], draws: 1, samples: 64, seed: 0, clip: true } };
  const onDevice = mlp(createDeviceSimulator());
  assert.throws(() => onDevice.predict(runData.validation.x), { name: 'DeviceSupportError' });
  const device = await trainOneRun({ model: onDevice }, runData, settings);
  const host = await trainOneRun({ model: mlp(createRefBackend()) }, runData, settings);
  assert.equal(device.robustness.length, 2);
  device.robustness.forEach((p, i) => assert.ok(Math.abs(p.mean - host.robustness[i]!.mean) <= 1 / 64, `stddev ${p.stddev}: ${p.mean} against ${host.robustness[i]!.mean}`));
  assert.ok(device.calibration && host.calibration);
  assert.deepEqual(device.history.loss, host.history.loss);
  const copy = await hostCopy(onDevice);
  assert.notEqual(copy.model, onDevice);
  assert.equal(copy.model.backend.device, undefined);
  const [a, b] = [copy.model.predict(runData.validation.x).data, (await onDevice.predictAsync(runData.validation.x)).data];
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]!) < 1e-5, `output ${i}: ${v} against ${b[i]}`));
  copy.dispose();
  const hostModel = mlp(createRefBackend());
  assert.equal((await hostCopy(hostModel)).model, hostModel);
});
