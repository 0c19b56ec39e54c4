import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startFileServer } from '../testing/local-file-server.js';
import { OfflineError } from '../data/offline-error.js';
import type { CliContext } from './context.js';
import { loadCliDataset } from './load-data.js';

const cache = mkdtempSync(join(tmpdir(), 'noisenet-cli-offline-'));
after(() => rmSync(cache, { recursive: true, force: true }));

/** A context whose MNIST mirror (tried first; refused, so no other mirror is tried) is a closed port. */
async function offlineContext(): Promise<{ ctx: CliContext; stderr: () => string }> {
  const server = await startFileServer({});
  await server.close();
  let err = '';
  const ctx: CliContext = {
    stdout: { write: () => undefined, isTTY: false },
    stderr: { write: (s) => void (err += s) },
    env: { NOISENET_CACHE: cache, NOISENET_MNIST_MIRROR: server.url },
  };
  return { ctx, stderr: () => err };
}

test('--dataset mnist offline: the advice names --data-dir, the CLI flag, not the library option', async () => {
  const { ctx } = await offlineContext();
  await assert.rejects(loadCliDataset('noisenet train', { dataset: 'mnist', progress: false }, ctx), (err: unknown) => {
    assert.ok(err instanceof OfflineError && err.offline, String(err));
    assert.match(err.message, /in a folder and pass it as --data-dir, or copy the \.gz files into /);
    assert.ok(!err.message.includes('dataDir'), err.message);
    return true;
  });
});

test('no --dataset offline: mnist-mini, with one line on stderr', async () => {
  const { ctx, stderr } = await offlineContext();
  const data = await loadCliDataset('noisenet train', { progress: false }, ctx);
  assert.equal(data.name, 'mnist-mini');
  assert.match(stderr(), /^noisenet train: MNIST is not in .* could not be downloaded; falling back to mnist-mini .*\n$/);
});
