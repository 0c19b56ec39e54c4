/**
 * The device-memory bookkeeping of the webgpu backend on a fake device that keeps buffer
 * contents and a log of what reached its queue (no shader runs: a "kernel" is simulated by
 * writing a device buffer directly after asking the context for it as an output).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebGpuContext } from './gpu-context.js';
import { DeviceLimitError, DeviceLostError, InvalidArgumentError } from '../../errors.js';

interface FakeBuffer {
  label: string;
  data: Uint8Array;
  destroyed: boolean;
}

function fakeDevice() {
  const log: string[] = [];
  let loseDevice: (info: { reason: string; message: string }) => void = () => {};
  const buffers: FakeBuffer[] = [];
  const name = (b: FakeBuffer): string => b.label;
  const device = {
    limits: { maxStorageBufferBindingSize: 8192, maxBufferSize: 65536, maxComputeWorkgroupsPerDimension: 65535, minUniformBufferOffsetAlignment: 256 },
    lost: new Promise((resolve) => (loseDevice = resolve)),
    addEventListener() {},
    createBuffer({ size, label }: { size: number; label: string }) {
      const b: FakeBuffer & Record<string, unknown> = {
        label,
        data: new Uint8Array(size),
        destroyed: false,
        destroy() {
          b.destroyed = true;
          log.push(`destroy ${label}`);
        },
        async mapAsync() {},
        getMappedRange: (offset: number, size: number) => b.data.slice(offset, offset + size).buffer,
        unmap() {},
      };
      buffers.push(b);
      return b;
    },
    createShaderModule: () => ({}),
    createBindGroupLayout: () => ({}),
    createPipelineLayout: () => ({}),
    createComputePipeline: () => ({}),
    createBindGroup: () => ({}),
    createCommandEncoder() {
      const ops: (() => void)[] = [];
      const names: string[] = [];
      return {
        beginComputePass: () => ({ setPipeline() {}, setBindGroup() {}, dispatchWorkgroups: () => names.push('dispatch'), end() {} }),
        copyBufferToBuffer(src: FakeBuffer, so: number, dst: FakeBuffer, doff: number, size: number) {
          names.push(`copy ${name(src)} -> ${name(dst)}`);
          ops.push(() => dst.data.set(src.data.subarray(so, so + size), doff));
        },
        finish: () => ({ ops, names }),
      };
    },
    queue: {
      writeBuffer(b: FakeBuffer, offset: number, data: Uint8Array) {
        if (b.label !== 'kernel parameters') log.push(`write ${name(b)}`);
        b.data.set(data, offset);
      },
      submit(list: { ops: (() => void)[]; names: string[] }[]) {
        for (const c of list) {
          log.push(`submit [${c.names.join(', ')}]`);
          c.ops.forEach((op) => op());
        }
      },
      onSubmittedWorkDone: async () => {},
    },
    destroy() {},
  };
  const bufferOf = (label: string): FakeBuffer => buffers.filter((b) => b.label === label).at(-1)!;
  return { device: device as unknown as GPUDevice, log, bufferOf, lose: (message: string) => loseDevice({ reason: 'unknown', message }) };
}

test('a host write is uploaded after the kernels recorded before it are submitted, and a download reads what a kernel wrote', async () => {
  const fake = fakeDevice();
  const ctx = new WebGpuContext(fake.device);
  const a = ctx.allocFloat(3, 'a');
  const out = ctx.allocFloat(2, 'out');
  ctx.dispatch('k', '', [ctx.input(a, 'a'), ctx.output(out, 'out')], null, [1]);
  a.set([1, 2, 3]);
  ctx.upload([a]);
  assert.deepEqual(fake.log, ['submit [dispatch]', 'write a']);
  // The "kernel" wrote out on the device: the host copy is stale until downloaded.
  new Float32Array(fake.bufferOf('out').data.buffer).set([5, 6]);
  assert.deepEqual([...out], [0, 0]);
  await ctx.download([out, a]);
  assert.deepEqual([...out], [5, 6]);
  assert.deepEqual(fake.log.slice(2), ['submit [copy out -> readback]', 'destroy readback']);
});

test('queued scalars come back in call order in one readback, and the queue starts again empty', async () => {
  const fake = fakeDevice();
  const ctx = new WebGpuContext(fake.device);
  const x = ctx.allocFloat(4, 'x');
  ctx.output(x, 'x');
  new Float32Array(fake.bufferOf('x').data.buffer).set([10, 20, 30, 40]);
  for (const i of [2, 0, 3]) ctx.queueScalar(fake.bufferOf('x') as unknown as GPUBuffer, i);
  assert.deepEqual([...(await ctx.takeScalars())], [30, 10, 40]);
  assert.deepEqual(fake.log, ['submit [copy x -> scalar queue, copy x -> scalar queue, copy x -> scalar queue, copy scalar queue -> scalar readback]', 'destroy scalar readback']);
  assert.deepEqual([...(await ctx.takeScalars())], []);
});

test('a freed buffer is destroyed only after the kernels recorded with it are submitted', () => {
  const fake = fakeDevice();
  const ctx = new WebGpuContext(fake.device);
  const a = ctx.allocFloat(2, 'a');
  ctx.dispatch('k', '', [ctx.output(a, 'a')], null, [1]);
  ctx.free(a);
  assert.deepEqual(fake.log, []);
  ctx.flush();
  assert.deepEqual(fake.log, ['submit [dispatch]', 'destroy a']);
});

test('host data is copied in at each read, bytes once; a buffer past the binding limit and a float64 array are refused by name', () => {
  const fake = fakeDevice();
  const ctx = new WebGpuContext(fake.device);
  const index = Int32Array.of(3, 1);
  ctx.input(index, 'index');
  index[0] = 7;
  ctx.input(index, 'index');
  assert.deepEqual([...new Int32Array(fake.bufferOf('index').data.buffer)], [7, 1]);
  const bytes = Uint8Array.of(1, 2, 3, 4, 5);
  ctx.input(bytes, 'images');
  ctx.input(bytes, 'images');
  assert.deepEqual([...fake.bufferOf('images').data], [1, 2, 3, 4, 5, 0, 0, 0]);
  assert.equal(fake.log.filter((l) => l === 'write images').length, 1);
  assert.throws(() => ctx.input(new Float32Array(3000), 'layer 2 weights'), (e: Error) => e instanceof DeviceLimitError && e.message === "webgpu backend: layer 2 weights needs 12000 bytes, more than the adapter's maxStorageBufferBindingSize of 8192 bytes");
  assert.throws(() => ctx.input(new Float64Array(2), 'x'), InvalidArgumentError);
});

test('after the device is lost every call fails with a DeviceLostError saying why', async () => {
  const fake = fakeDevice();
  const ctx = new WebGpuContext(fake.device);
  const a = ctx.allocFloat(2, 'a');
  fake.lose('the driver reset');
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.throws(() => ctx.input(a, 'a'), (e: Error) => e instanceof DeviceLostError && e.message === 'webgpu backend: the GPU device was lost (unknown: the driver reset); its buffers are gone');
  await assert.rejects(ctx.download([a]), DeviceLostError);
  await assert.rejects(ctx.takeScalars(), DeviceLostError);
});
