/** The registry does nothing at import; the core's wasm backend runs on the platform it is given. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createWasmBackend } from './wasm/wasm-backend.js';
import { defaultWasmPlatform, loadWasmKernels } from './wasm/platform.js';
import { wasmUrl } from './wasm/module.js';
import { startFileServer } from '../testing/local-file-server.js';

/** Runs `body` as an ES module in a fresh Node process that counts WebAssembly probes and memories; returns its stdout lines. */
function fresh(body: string): string[] {
  const script = `
    const counts = { validate: 0, memory: 0 };
    const W = globalThis.WebAssembly;
    const validate = W.validate.bind(W);
    W.validate = (b) => (counts.validate++, validate(b));
    const Memory = W.Memory;
    W.Memory = function (d) { counts.memory++; return new Memory(d); };
    ${body}`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `exit status ${r.status}, signal ${r.signal}: ${r.stderr}`);
  return r.stdout.trim().split('\n');
}
const entry = (name: string): string => JSON.stringify(new URL(`../${name}`, import.meta.url).href);

test('importing the core or the Node entry checks nothing and creates no backend; the first getBackend() does', () => {
  const [core, first, notice] = fresh(`
    const nn = await import(${entry('index.js')});
    console.log(JSON.stringify(counts));
    const b = nn.getBackend();
    console.log(b.name, counts.validate > 0);
    console.log(nn.backendNotice());`);
  assert.equal(core, JSON.stringify({ validate: 0, memory: 0 }));
  // Without the Node entry nothing supplies the kernels: the core says so and uses the reference backend.
  assert.equal(first, 'ref true');
  assert.match(notice!, /^noisenet: the wasm backend did not start \(wasm backend: the kernels are not loaded .*\); using the slower reference backend$/);

  const [node, created, none] = fresh(`
    const nn = await import(${entry('node.js')});
    console.log(JSON.stringify(counts));
    const b = nn.getBackend();
    console.log(b.name, b.threads > 0, counts.memory > 0);
    console.log(nn.backendNotice());`);
  assert.equal(node, JSON.stringify({ validate: 0, memory: 0 }));
  assert.equal(created, 'wasm true true');
  assert.equal(none, 'null');
});

test('the core wasm platform: kernels from loadWasmKernels, one thread, no thread pool', async () => {
  const bytes = readFileSync(wasmUrl(false));
  const server = await startFileServer({ 'kernels.wasm': bytes });
  try {
    await loadWasmKernels(new URL('kernels.wasm', server.url));
    assert.deepEqual(server.requests, ['/kernels.wasm']);
  } finally {
    await server.close();
  }
  const b = createWasmBackend({}, defaultWasmPlatform);
  try {
    assert.equal(b.threads, 1);
    const x = b.alloc(3);
    x.set([1, 2, 3]);
    const out = b.alloc(3);
    b.add(x, x, out, 3);
    assert.deepEqual([...out], [2, 4, 6]);
  } finally {
    b.dispose();
  }
  assert.throws(() => createWasmBackend({ threads: 2 }, defaultWasmPlatform), /2 threads need a thread pool, which this platform does not provide/);
  await assert.rejects(loadWasmKernels(new Uint8Array([1, 2, 3])), /CompileError|WebAssembly/);
});
