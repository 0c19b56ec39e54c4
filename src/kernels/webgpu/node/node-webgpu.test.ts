import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebGpuUnavailableError } from '../../../errors.js';
import { nodeWebGpu } from './node-webgpu.js';

test('nodeWebGpu refuses in one line, naming the package to install, when the package is not installed', async () => {
  const missing = 'noisenet-no-such-webgpu-package';
  await assert.rejects(nodeWebGpu({ module: missing }), (err: unknown) => {
    assert.ok(err instanceof WebGpuUnavailableError);
    assert.equal(err.message, `the webgpu backend in Node needs the optional package ${missing} (Dawn's bindings): npm install ${missing}`);
    return true;
  });
});

test('nodeWebGpu names the package webgpu by default, through the loader it is given', async () => {
  const asked: string[] = [];
  const importer = (name: string): Promise<unknown> => {
    asked.push(name);
    return Promise.reject(Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' }));
  };
  await assert.rejects(nodeWebGpu({ importer }), /^WebGpuUnavailableError: the webgpu backend in Node needs the optional package webgpu \(Dawn's bindings\): npm install webgpu$/);
  assert.deepEqual(asked, ['webgpu']);
});

test('nodeWebGpu refuses in one line when the package gives no adapter', async () => {
  const tried: string[][] = [];
  const fake = { create: (flags: string[]) => ({ requestAdapter: () => { tried.push(flags); return Promise.resolve(null); } }) };
  await assert.rejects(nodeWebGpu({ importer: () => Promise.resolve(fake), flags: ['backend=null'] }), (err: unknown) => {
    assert.ok(err instanceof WebGpuUnavailableError);
    assert.match(err.message, /^the webgpu backend in Node: the package webgpu found no adapter \(/);
    assert.ok(!err.message.includes('\n'));
    return true;
  });
  assert.deepEqual(tried, [['backend=null'], ['backend=null']]);
});

test('nodeWebGpu refuses a package without create()', async () => {
  await assert.rejects(nodeWebGpu({ importer: () => Promise.resolve({}) }), /^WebGpuUnavailableError: the webgpu backend in Node: the package webgpu has no create\(\) function/);
});
