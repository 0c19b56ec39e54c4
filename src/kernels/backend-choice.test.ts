/**
 * Choosing the backend in Node, where there is no `navigator.gpu`, and with stand-in WebGPU
 * entry points: `auto` falls back to wasm with one line saying why, `webgpu` fails with one
 * line, and auto's rule of size reads the model's multiply-adds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseBackend, useBackend, multiplyAddsPerSample, adapterFacts, WEBGPU_MIN_MULTIPLY_ADDS } from './backend-choice.js';
import { buildModel } from '../models/model-spec.js';
import { presetSpec } from '../models/presets.js';
import { backendNotice, createBackend, getBackend, setBackend } from './registry.js';

const gpuWith = (info: object | null) => ({ requestAdapter: () => Promise.resolve(info === null ? null : { info }) });

test('the multiply-adds per sample of the MLP are under auto threshold, those of the convnet over it', () => {
  const ref = createBackend('ref');
  const mlp = buildModel(presetSpec('mlp', { inputShape: [784], classes: 10 }), { backend: ref });
  const convnet = buildModel(presetSpec('convnet', { inputShape: [28, 28, 1], classes: 10 }), { backend: ref });
  // 784x128 + 128x64 + 64x10 weights and 202 biases, each applied once per sample.
  assert.equal(multiplyAddsPerSample(mlp), 109_386);
  // Conv 320 parameters at 26x26 pixels, conv 18,496 at 11x11, dense 16,010.
  assert.equal(multiplyAddsPerSample(convnet), 320 * 676 + 18_496 * 121 + 16_010);
  assert.ok(multiplyAddsPerSample(mlp) < WEBGPU_MIN_MULTIPLY_ADDS && multiplyAddsPerSample(convnet) >= WEBGPU_MIN_MULTIPLY_ADDS);
  mlp.dispose();
  convnet.dispose();
});

test('without WebGPU, auto falls back to wasm saying why in one line, and webgpu fails in one line', async () => {
  const auto = await chooseBackend('auto', { model: 5e6 });
  assert.equal(auto.name, 'wasm');
  assert.equal(auto.backend.name, 'wasm');
  assert.equal(auto.adapter, null);
  assert.equal(auto.notice, 'noisenet: wasm backend: this runtime has no WebGPU (no navigator.gpu; in a browser it needs a secure context: https or localhost)');
  auto.backend.dispose();
  await assert.rejects(chooseBackend('webgpu'), (e: Error) => {
    assert.equal(e.name, 'WebGpuUnavailableError');
    assert.equal(e.message, 'webgpu backend: this runtime has no WebGPU (no navigator.gpu; in a browser it needs a secure context: https or localhost)');
    return true;
  });
  await assert.rejects(chooseBackend('webgpu', { gpu: gpuWith(null) }), { name: 'WebGpuUnavailableError', message: /^webgpu backend: navigator\.gpu gave no WebGPU adapter \(no usable GPU, or WebGPU is turned off in this browser\)$/ });
});

test('auto keeps a small model on wasm and a software adapter off the GPU, naming the adapter', async () => {
  const swiftshader = gpuWith({ vendor: 'google', architecture: 'swiftshader' });
  const small = await chooseBackend('auto', { model: 109_386, gpu: swiftshader });
  assert.equal(small.name, 'wasm');
  assert.equal(small.notice, "noisenet: wasm backend, not WebGPU on google swiftshader (SwiftShader, a CPU emulation): the model's 0.11 million multiply-adds per sample are under the 1.00 million from which the GPU gains");
  small.backend.dispose();
  const big = await chooseBackend('auto', { model: 2_470_000, gpu: swiftshader });
  assert.equal(big.name, 'wasm');
  assert.equal(big.notice, 'noisenet: wasm backend, not WebGPU on google swiftshader (SwiftShader, a CPU emulation): a software adapter is slower than the wasm backend');
  big.backend.dispose();
  assert.equal(adapterFacts({ info: { vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' } }).software, true);
  assert.equal(adapterFacts({ info: { vendor: 'nvidia', architecture: 'ampere' } }).software, false);
});

test('auto on a hardware adapter whose backend cannot start falls back to wasm, saying so', async () => {
  // A stand-in adapter with no requestDevice: the webgpu backend cannot start on it.
  const chosen = await chooseBackend('auto', { model: 2_470_000, gpu: gpuWith({ vendor: 'nvidia', architecture: 'ampere' }) });
  assert.equal(chosen.name, 'wasm');
  assert.match(chosen.notice, /^noisenet: wasm backend: WebGPU on nvidia ampere did not start \([^\n]+\)$/);
  chosen.backend.dispose();
});

test('an unknown choice, or auto without the model, is refused', async () => {
  await assert.rejects(chooseBackend('webgl' as 'auto'), { name: 'InvalidArgumentError', message: /choice/ });
  await assert.rejects(chooseBackend('auto'), { name: 'InvalidArgumentError', message: /model/ });
});

test('useBackend makes the chosen backend the default, with its notice; setBackend by name replaces and disposes it', async () => {
  const chosen = await useBackend('auto', { model: 109_386 });
  assert.equal(getBackend(), chosen.backend);
  assert.equal(backendNotice(), chosen.notice);
  let disposed = false;
  const dispose = chosen.backend.dispose.bind(chosen.backend);
  chosen.backend.dispose = () => {
    disposed = true;
    dispose();
  };
  setBackend('ref');
  assert.equal(disposed, true);
  assert.equal(getBackend().name, 'ref');
  assert.throws(() => setBackend({} as never), { name: 'InvalidArgumentError', message: /setBackend/ });
});
