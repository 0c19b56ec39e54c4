import { it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../testing/run-cli.js';
import { createBackend } from '../kernels/registry.js';
import { useNodePlatform } from '../kernels/node/platform.js';
import type { WasmBackend } from '../kernels/wasm/index.js';

useNodePlatform();

it('train --verbose names the backend, its threads and the arithmetic that runs', async () => {
  const b = createBackend('wasm', { threads: 1 }) as WasmBackend;
  const arithmetic = b.arithmetic;
  b.dispose();
  const run = await runCli('train', '--dataset', 'mnist-mini', '--epochs', '1', '--train-size', '64', '--threads', '1', '--quiet', '--verbose');
  assert.equal(run.code, 0, run.err);
  const expected = arithmetic === 'relaxed-simd' ? 'relaxed SIMD (fused multiply-add)' : 'SIMD (multiply then add';
  assert.match(run.out, new RegExp(`^Backend: wasm backend, 1 thread, ${expected.replace(/[()]/g, '\\$&')}`, 'm'));
  const quiet = await runCli('train', '--dataset', 'mnist-mini', '--epochs', '1', '--train-size', '64', '--threads', '1', '--quiet');
  assert.doesNotMatch(quiet.out, /Backend:/);
});
