import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindArrays, f32Literal, grid, Params } from './kernel-source.js';
import { bindingsOf, type GpuContext } from './gpu-context.js';

/** A context that records which arrays were asked for how, and hands out numbered fake buffers. */
function recordingContext(): { ctx: GpuContext; calls: string[] } {
  const calls: string[] = [];
  const ids = new Map<unknown, number>();
  const buffer = (a: unknown, how: string, what: string): GPUBuffer => {
    if (!ids.has(a)) ids.set(a, ids.size);
    calls.push(`${how} ${ids.get(a)} ${what}`);
    return { label: String(ids.get(a)) } as GPUBuffer;
  };
  const ctx = {
    input: (a: unknown, what: string) => buffer(a, 'input', what),
    output: (a: unknown, what: string) => buffer(a, 'output', what),
    constant: (a: unknown, what: string) => buffer(a, 'constant', what),
    hostData: (a: unknown, what: string) => buffer(a, 'hostData', what),
  } as unknown as GpuContext;
  return { ctx, calls };
}

test('an array passed as both input and output of a kernel becomes one read-write binding, its placeholders rewritten to it', () => {
  const { ctx, calls } = recordingContext();
  const x = new Float32Array(4), bias = new Float32Array(2);
  const bound = bindArrays(ctx, [
    { name: 'X', array: x, access: 'read' },
    { name: 'Y', array: x, access: 'write' },
    { name: 'BIAS', array: bias, access: 'read' },
  ], 'biasActivation');
  assert.equal(bound.aliasKey, '0,0,1');
  assert.equal(bound.buffers.length, 2);
  assert.deepEqual(calls, ['output 0 biasActivation X/Y', 'input 1 biasActivation BIAS']);
  const source = bound.source('struct Params { n: u32 }', 'Y[i] = X[i] + BIAS[i]; let XY = 1;');
  assert.match(source, /@binding\(0\) var<storage, read_write> b0: array<f32>;/);
  assert.match(source, /@binding\(1\) var<storage, read> b1: array<f32>;/);
  assert.match(source, /@binding\(2\) var<uniform> P: Params;/);
  assert.match(source, /b0\[i\] = b0\[i\] \+ b1\[i\]; let XY = 1;$/);
  assert.deepEqual(bindingsOf(source).map((e) => [e.binding, e.buffer?.type]), [[0, 'storage'], [1, 'read-only-storage'], [2, 'uniform']]);
});

test('distinct arrays get their own bindings, host data is copied in by its rule, and element types follow the arrays', () => {
  const { ctx, calls } = recordingContext();
  const bound = bindArrays(ctx, [
    { name: 'SRC', array: new Uint8Array(8), access: 'constant' },
    { name: 'INDEX', array: new Int32Array(2), access: 'host' },
    { name: 'OUT', array: new Float32Array(2), access: 'write' },
  ], 'gatherRows');
  assert.equal(bound.aliasKey, '0,1,2');
  assert.deepEqual(calls, ['constant 0 gatherRows SRC', 'hostData 1 gatherRows INDEX', 'output 2 gatherRows OUT']);
  assert.match(bound.source(null, ''), /b0: array<u32>;\n.*b1: array<i32>;\n.*b2: array<f32>;/);
});

test('a grid folds into two dimensions past the per-dimension limit and still covers every invocation', () => {
  assert.deepEqual(grid(1000), [4, 1]);
  const [x, y] = grid(256 * 70000);
  assert.ok(x <= 65535 && x * y >= 70000, `${x} x ${y}`);
  assert.deepEqual(grid(0), [0, 1]);
});

test('parameters are packed as 32-bit fields in order, padded to 16 bytes, and f32 literals keep exact bits', () => {
  const view = new DataView(new Params().u32(7).f32(0.1).i32(-2).u32(2 ** 32 - 1).u32(5).buffer);
  assert.equal(view.byteLength, 32);
  assert.deepEqual([view.getUint32(0, true), view.getFloat32(4, true), view.getInt32(8, true), view.getUint32(12, true), view.getUint32(16, true)], [7, Math.fround(0.1), -2, 2 ** 32 - 1, 5]);
  assert.equal(f32Literal(0.1), 'bitcast<f32>(0x3dcccccdu)');
});
