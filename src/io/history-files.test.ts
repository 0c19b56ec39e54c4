import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { History } from '../train/history.js';
import { historyCsv, historyJson } from './history-files.js';
import { writeHistory } from './node/history-files.js';

function twoEpochs(): History {
  const h = new History();
  h.setParams({ epochs: 2, initialEpoch: 0, steps: 3, samples: 90, batchSize: 32, seed: 42, validation: true });
  h.onEpochEnd(0, { loss: 0.2555, accuracy: 0.9247, val_loss: 0.1313, val_accuracy: 0.9601 });
  h.onEpochEnd(1, { loss: 0.1173, accuracy: 0.9643, val_loss: 0.0953, val_accuracy: 0.9702 });
  return h;
}

test('history.json is Keras history.history plus epoch and params', () => {
  const text = historyJson(twoEpochs());
  assert.equal(
    text,
    '{\n' +
      '  "loss": [0.2555,0.1173],\n' +
      '  "accuracy": [0.9247,0.9643],\n' +
      '  "val_loss": [0.1313,0.0953],\n' +
      '  "val_accuracy": [0.9601,0.9702],\n' +
      '  "epoch": [0,1],\n' +
      '  "params": {"epochs":2,"initialEpoch":0,"steps":3,"samples":90,"batchSize":32,"seed":42,"validation":true}\n' +
      '}\n',
  );
  assert.deepEqual(Object.keys(JSON.parse(text)), ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'epoch', 'params']);
});

test('history.csv has the CSVLogger header, metrics sorted, epochs from 0, lines ending in \\r\\n as Python\'s csv writer ends them', () => {
  assert.equal(
    historyCsv(twoEpochs()),
    'epoch,accuracy,loss,val_accuracy,val_loss\r\n0,0.9247,0.2555,0.9601,0.1313\r\n1,0.9643,0.1173,0.9702,0.0953\r\n',
  );
  assert.equal(historyCsv({ history: { loss: [1, 0.5], val_loss: [2] } }), 'epoch,loss,val_loss\r\n0,1,2\r\n1,0.5,NA\r\n');
});

test('writeHistory writes both files and nothing else', async () => {
  const parent = await mkdtemp(join(tmpdir(), 'noisenet-history-'));
  const dir = join(parent, 'run');
  await writeHistory(dir, twoEpochs());
  assert.deepEqual((await readdir(dir)).sort(), ['history.csv', 'history.json']);
  assert.equal(await readFile(join(dir, 'history.csv'), 'utf8'), historyCsv(twoEpochs()));
  await rm(parent, { recursive: true });
});
