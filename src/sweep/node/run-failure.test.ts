/** Out of memory is a resource error: not a configuration error, so a queue retries the run (on another worker, or later). */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describeFailure, RunFailure } from './run-failure.js';
import { InvalidArgumentError, OutOfMemoryError, ResourceError } from '../../errors.js';
import { buildModel } from '../../models/model-spec.js';
import { createWasmBackend } from '../../kernels/wasm/wasm-backend.js';
import { api } from '../../kernels/wasm/wasm-api.js';

it('a model too large for the wasm memory fails with OutOfMemoryError, which is retried, not failed as a configuration error', () => {
  const module = new (api().Module)(readFileSync(new URL('../../kernels-unshared.wasm', import.meta.url)));
  const backend = createWasmBackend({ threads: 1 }, { kernels: () => module, unsharedPages: 32 }); // 2 MiB
  try {
    let caught: unknown;
    try {
      buildModel({ layers: [{ className: 'InputLayer', config: { shape: [784] } }, { className: 'Dense', config: { units: 2048 } }] }, { backend });
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof OutOfMemoryError, `expected OutOfMemoryError, caught ${String(caught)}`);
    assert.ok(caught instanceof ResourceError);
    const f = describeFailure(caught);
    assert.equal(f.name, 'OutOfMemoryError');
    assert.equal(f.configError, false);
  } finally {
    backend.dispose();
  }
});

it('an invalid argument stays a configuration error, unless out of memory caused it', () => {
  assert.equal(describeFailure(new InvalidArgumentError('units must be positive')).configError, true);
  const wrapped = new InvalidArgumentError('layers: cannot build', { cause: new OutOfMemoryError('wasm backend: out of memory') });
  assert.equal(describeFailure(wrapped).configError, false);
  assert.equal(describeFailure(new RunFailure('OutOfMemoryError', 'wasm backend: out of memory', false)).configError, false);
});
