/**
 * Property tests of the model loader: a saved model folder whose model.json is replaced,
 * edited (any field set to any JSON value, removed or added, weight shapes and layer sizes
 * made huge) or cut short, and whose weights.bin is truncated, extended or changed, either
 * loads to a model that predicts, or is refused with one of the project's typed errors in one
 * line; never another exception, and never an allocation beyond what the weight files hold.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { adam } from '../optimizers/adam.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { saveModel } from './node/save-model.js';
import { loadModel } from './node/load-model.js';
import { Tensor } from '../tensor/tensor.js';
import { assertTypedError, fuzzParams } from '../testing/fuzz.js';

const backend = createRefBackend();
let dir = '';
let modelJson: Record<string, unknown> = {};
let weights = new Uint8Array(0);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-loader-fuzz-'));
  const model = sequential([input({ shape: [4] }), gaussianNoise({ stddev: 0.1 }), dense({ units: 3, activation: 'relu' }), dense({ units: 2, activation: 'softmax' })], { backend });
  model.compile({ optimizer: adam(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  model.initializeWeights(1);
  await saveModel(model, join(dir, 'template'));
  modelJson = JSON.parse(await readFile(join(dir, 'template', 'model.json'), 'utf8')) as Record<string, unknown>;
  weights = new Uint8Array(await readFile(join(dir, 'template', 'weights.bin')));
});
after(() => rm(dir, { recursive: true, force: true }));

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

const json = fc.jsonValue({ maxDepth: 2 });
const special = fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 40, 1e9, null, '', 'float16', 'int32', [], {}, [1e9, 1e9], [2 ** 31], [-3, 2], 'Dense', 'Conv2D', 'GaussianNoise', 'Sequential', 'weights.bin', '../weights.bin', '/etc/passwd');
const edit = (all: (string | number)[][]) =>
  fc.oneof(
    fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...all), value: fc.oneof(json, special) }),
    fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...all) }),
    fc.record({ kind: fc.constant('add' as const), path: fc.constantFrom(...all), key: fc.string({ maxLength: 5 }), value: json }),
  );
type Edit = { kind: 'set' | 'delete' | 'add'; path: (string | number)[]; value?: unknown; key?: string };

function apply(root: unknown, e: Edit): unknown {
  if (e.path.length === 0) return e.kind === 'set' ? e.value : root;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  const parentPath = e.kind === 'add' ? e.path : e.path.slice(0, -1);
  let parent: unknown = copy;
  for (const k of parentPath) parent = parent && typeof parent === 'object' ? (parent as Record<string | number, unknown>)[k] : undefined;
  if (!parent || typeof parent !== 'object') return copy;
  const target = parent as Record<string | number, unknown>;
  if (e.kind === 'add') target[Array.isArray(target) ? target.length : e.key!] = e.value;
  else if (e.kind === 'delete' && Array.isArray(target)) target.splice(Number(e.path.at(-1)), 1);
  else if (e.kind === 'delete') delete target[e.path.at(-1)!];
  else target[e.path.at(-1)!] = e.value;
  return copy;
}

const bytes = fc.oneof(
  fc.constant('same' as const),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('append' as const), extra: fc.uint8Array({ minLength: 1, maxLength: 40 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('missing' as const) }),
);
type Bytes = typeof bytes extends fc.Arbitrary<infer B> ? B : never;

function weightBytes(b: Bytes): Uint8Array | null {
  if (b === 'same') return weights;
  switch (b.kind) {
    case 'truncate':
      return weights.subarray(0, b.at % (weights.length + 1));
    case 'append':
      return Uint8Array.from([...weights, ...b.extra]);
    case 'flip': {
      const out = Uint8Array.from(weights);
      out[b.at % out.length] = b.value;
      return out;
    }
    case 'missing':
      return null;
  }
}

let n = 0;
/** Writes the folder, loads it, and checks the outcome. */
async function load(modelText: string, weightFile: Uint8Array | null): Promise<void> {
  const folder = join(dir, `case-${n++}`);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder);
  await writeFile(join(folder, 'model.json'), modelText);
  if (weightFile) await writeFile(join(folder, 'weights.bin'), weightFile);
  try {
    const model = await loadModel(folder, { backend });
    const inputs = model.inputShape.reduce((a, b) => a * b, 1);
    assert.ok(model.params().reduce((s, p) => s + p.value.length, 0) * 4 <= (weightFile?.length ?? 0), 'no more weights than the file holds');
    const out = model.predict(new Tensor(new Float32Array(2 * inputs), [2, inputs]));
    assert.equal(out.count, 2);
  } catch (err) {
    assertTypedError(err, '');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

test('fuzz: model.json with any field set, removed or added loads or is a one-line typed error', async () => {
  const all = paths(modelJson);
  await fc.assert(
    fc.asyncProperty(fc.array(edit(all), { minLength: 1, maxLength: 3 }), bytes, async (edits, b) => {
      await load(JSON.stringify((edits as Edit[]).reduce(apply, modelJson)), weightBytes(b));
    }),
    fuzzParams,
  );
});

test('fuzz: model.json cut short or replaced by any text or JSON value is a one-line typed error', async () => {
  const text = fc.oneof(
    fc.nat().map((at) => { const t = JSON.stringify(modelJson); return t.slice(0, at % t.length); }),
    fc.string({ maxLength: 30 }),
    json.map((v) => JSON.stringify(v)),
  );
  await fc.assert(fc.asyncProperty(text, bytes, async (t, b) => load(t, weightBytes(b))), fuzzParams);
});

test('fuzz: layers made huge are refused from the weight files\' size, before anything is allocated', async () => {
  const layers = ((modelJson['noisenet'] as Record<string, unknown>)['model'] as { layers: { className: string; config: Record<string, unknown> }[] }).layers;
  const denses = layers.flatMap((l, i) => (l.className === 'Dense' ? [i] : []));
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...denses), fc.integer({ min: 2 ** 20, max: 2 ** 31 }), async (i, units) => {
      const edited = structuredClone(modelJson) as typeof modelJson;
      ((edited['noisenet'] as Record<string, unknown>)['model'] as { layers: typeof layers }).layers[i]!.config['units'] = units;
      const before = process.memoryUsage().arrayBuffers;
      await load(JSON.stringify(edited), weights);
      assert.ok(process.memoryUsage().arrayBuffers - before < 64 * 2 ** 20, 'no large allocation');
    }),
    { ...fuzzParams, numRuns: Math.min(fuzzParams.numRuns, 30) },
  );
});
