import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWebGpuBackend } from './index.js';
import { WebGpuUnavailableError } from '../../errors.js';

const LIMITS = { maxComputeInvocationsPerWorkgroup: 256, maxComputeWorkgroupSizeX: 256, maxComputeWorkgroupStorageSize: 16384, maxStorageBuffersPerShaderStage: 8 };

test('without navigator.gpu the webgpu backend is refused with one line saying so', async () => {
  assert.equal((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu, undefined);
  await assert.rejects(createWebGpuBackend(), (e: Error) => e instanceof WebGpuUnavailableError && /^webgpu backend: no WebGPU here \(navigator\.gpu is undefined/.test(e.message) && !e.message.includes('\n'));
});

test('a WebGPU without an adapter is refused, saying so', async () => {
  const gpu = { requestAdapter: async () => null };
  await assert.rejects(createWebGpuBackend({ gpu }), (e: Error) => e instanceof WebGpuUnavailableError && /gave no adapter/.test(e.message));
});

test('an adapter below a limit the kernels need is refused, naming the limit, what it has and what is needed', async () => {
  const adapter = { limits: { ...LIMITS, maxComputeWorkgroupStorageSize: 4096 }, requestDevice: async () => assert.fail('no device should be asked for') };
  await assert.rejects(createWebGpuBackend({ adapter }), (e: Error) => e instanceof WebGpuUnavailableError && e.message === "webgpu backend: the adapter's maxComputeWorkgroupStorageSize is 4096, the kernels need at least 8192");
});
