// Memory over many runs, each a new model trained with fit: the wasm backend's memory and the
// process's RSS after every run, with and without dispose(). Prints one JSON line per mode.
// NOISENET_DIST=/path/to/dist/node.js measures another build (one without dispose: use `drop`).
//   node scripts/memory-runs.mjs [runs=50] [hidden=2048,2048] [samples=100] [dispose|drop|both] [threads]
const nn = await import(process.env.NOISENET_DIST ?? '../dist/node.js');

const runs = Number(process.argv[2] ?? 50);
const hidden = (process.argv[3] ?? '2048,2048').split(',').map(Number);
const samples = Number(process.argv[4] ?? 100);
const modes = (process.argv[5] ?? 'both') === 'both' ? ['dispose', 'drop'] : [process.argv[5]];
const threads = process.argv[6] === undefined ? undefined : Number(process.argv[6]);

nn.useNodePlatform();
const x = new Float32Array(samples * 784);
for (let i = 0; i < x.length; i++) x[i] = ((i * 2654435761) >>> 0) / 2 ** 32;
const y = Int32Array.from({ length: samples }, (_, i) => i % 10);
const MiB = 2 ** 20;

for (const mode of modes) {
  nn.setBackend('wasm', threads === undefined ? {} : { threads });
  const backend = nn.getBackend();
  const wasm = [];
  const rss = [];
  let failed = null;
  const t0 = performance.now();
  for (let r = 0; r < runs; r++) {
    try {
      const model = nn.sequential([nn.input({ shape: [784] }), ...hidden.map((units) => nn.dense({ units, activation: 'relu' })), nn.dense({ units: 10, activation: 'softmax' })]);
      model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
      await model.fit(nn.tensor(x, [samples, 784]), nn.tensor(y, [samples]), { epochs: 1, batchSize: 32, seed: r, warn: () => undefined });
      if (mode === 'dispose') model.dispose();
    } catch (e) {
      failed = `run ${r + 1}: ${e.name}: ${e.message}`;
      break;
    }
    wasm.push(+((backend.memoryBytes ?? backend.reservedBytes) / MiB).toFixed(1));
    rss.push(+(process.memoryUsage().rss / MiB).toFixed(1));
  }
  console.log(JSON.stringify({ mode, runs: wasm.length, hidden, samples, seconds: +((performance.now() - t0) / 1000).toFixed(1), wasmMiB: { after1: wasm[0], after10: wasm[9], last: wasm.at(-1), max: Math.max(...wasm) }, rssMiB: { after1: rss[0], after10: rss[9], last: rss.at(-1), max: Math.max(...rss) }, failed }));
}
process.exit(0);
