/**
 * The webgpu backend against the reference backend, kernel by kernel, in headless Chromium on
 * SwiftShader's WebGPU adapter (no GPU needed): the cases and their tolerances are in
 * src/testing/webgpu/kernel-cases.ts, the page side in conformance-page.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { skipWithoutChromium } from '../../testing/chromium.js';
import { openWebGpuPage } from '../../testing/webgpu/webgpu-page.js';
import type { CaseReport } from '../../testing/webgpu/conformance-page.js';
import { KERNELS_WITHOUT_CASES } from '../../testing/webgpu/kernel-cases.js';

const PAGE = fileURLToPath(new URL('../../testing/webgpu/conformance-page.js', import.meta.url));

test('every webgpu kernel matches the reference backend within its stated tolerance, on SwiftShader in Chromium', { skip: skipWithoutChromium, timeout: 180_000 }, async (t) => {
  const result = (await (await openWebGpuPage(t, PAGE))('runConformance')) as { adapter: string; reports: CaseReport[]; withoutCases: string[] } | { unavailable: string };
  if ('unavailable' in result) {
    t.skip(`no WebGPU adapter in this Chromium: ${result.unavailable}`);
    return;
  }
  assert.ok(result.reports.length > 100, `only ${result.reports.length} cases ran`);
  assert.deepEqual(result.withoutCases, [...KERNELS_WITHOUT_CASES], 'kernels of the backend without a conformance case (add cases, or list them in KERNELS_WITHOUT_CASES)');
  const failed = result.reports.filter((r) => !r.ok).map((r) => `${r.name}: ${r.detail} (worst ${r.worst.toFixed(2)} of tolerance; ${r.tolerance.why})`);
  assert.deepEqual(failed, [], `on ${result.adapter}`);
});

test('on webgpu, a buffer past maxStorageBufferBindingSize is refused with the limit, and every call after the device is lost fails with DeviceLostError', { skip: skipWithoutChromium, timeout: 120_000 }, async (t) => {
  const r = (await (await openWebGpuPage(t, PAGE))('runFailureChecks')) as Record<string, string>;
  if ('unavailable' in r) {
    t.skip(`no WebGPU adapter in this Chromium: ${r.unavailable}`);
    return;
  }
  assert.match(r.limit!, /^DeviceLimitError: webgpu backend: a buffer of 33554433 floats needs 134217732 bytes, more than the adapter's maxStorageBufferBindingSize of 134217728 bytes$/);
  assert.match(r.kernel!, /^DeviceLostError: webgpu backend: the GPU device was lost \(destroyed/);
  assert.match(r.download!, /^DeviceLostError: /);
  assert.match(r.scalars!, /^DeviceLostError: /);
});
