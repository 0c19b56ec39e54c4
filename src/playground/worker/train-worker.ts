/**
 * The playground's training worker (built to train-worker.js): it owns the data, the session and
 * the models, trains on the backend the settings choose (`auto`: WebGPU for a model big enough
 * to gain on a hardware adapter, else the wasm backend, with threads when the page is
 * cross-origin isolated) and posts what the page draws. See ../protocol.ts for the messages.
 */
import type { Backend } from '../../kernels/backend.js';
import type { Sequential } from '../../models/sequential.js';
import { createBackend } from '../../kernels/registry.js';
import { chooseBackend } from '../../kernels/backend-choice.js';
import { multiplyAddsPerSample } from '../../kernels/backend-choices.js';
import { buildModel } from '../../models/model-spec.js';
import { presetSpec } from '../../models/presets.js';
import type { PlaygroundSettings } from '../settings.js';
import { useBrowserPlatform } from '../../kernels/browser/platform.js';
import { modelFiles, loadModelFromFiles } from '../../io/browser/model-files.js';
import { errorCurve, robustnessCurve } from '../../experiments/robustness.js';
import { buildRun } from '../../run/build-run.js';
import { Tensor } from '../../tensor/tensor.js';
import { ARMS, PlaygroundSession, playgroundConfig, type Arm } from '../session.js';
import { checkSameArchitecture } from '../architecture.js';
import { classesOf, countsOf, isOwnData, playgroundExperimentData, sampleShapeOf, taskOfData, type PlaygroundData } from '../playground-data.js';
import type { FromWorker, ToWorker } from '../protocol.js';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: { data: ToWorker }) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;
const post = (m: FromWorker): void => scope.postMessage(m);

let dataset: PlaygroundData | null = null;
let session: PlaygroundSession | null = null;
let backend: Backend | null = null;
let running = false;
/** Models loaded from files, standing in for the trained ones (drawing, robustness). */
let loaded: Partial<Record<Arm, { model: Sequential; name: string }>> = {};

const platform = useBrowserPlatform().then(
  (info) => {
    post({ type: 'ready', platform: info });
    return true;
  },
  (e: Error) => {
    post({ type: 'error', during: 'loading the WebAssembly kernels', message: `${e.message}; training uses the slower reference backend` });
    return false;
  },
);

const modelOf = (arm: Arm): Sequential | null => loaded[arm]?.model ?? session?.model(arm) ?? null;

async function start(m: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  if (running) throw new Error('a run is in progress: stop it first');
  if (!dataset) throw new Error('no data yet: pick a dataset first');
  const wasm = await platform;
  if (wasm) await useBrowserPlatform(); // the kernel workers for a new backend
  const next = await startBackend(wasm, m.settings, dataset);
  let created: PlaygroundSession;
  try {
    created = await PlaygroundSession.create(m.settings, dataset, {
      backend: next,
      environment: m.environment,
      events: {
        progress: (p) => post({ type: 'progress', ...p }),
        epoch: (e) => post({ type: 'epoch', ...e }),
        seen: (s) => post({ type: 'seen', ...s }),
        measuring: (m) => post({ type: 'measuring', ...m }),
        robustness: (r) => post({ type: 'robustness', ...r, source: 'trained here' }),
        predictions: (p) => post({ type: 'predictions', ...p, source: 'trained here' }),
      },
    });
  } catch (e) {
    next.dispose();
    throw e;
  }
  forget();
  backend?.dispose();
  backend = next;
  session = created;
  running = true;
  const threads = (next as Backend & { threads?: number }).threads ?? 1;
  post({ type: 'started', configurations: created.config.configurations.map((c) => c.name), trainCount: created.data.train.x.count, validationCount: created.data.validation.x.count, steps: Math.ceil(created.data.train.x.count / created.config.batchSize), threads, task: created.data.task ?? 'multiclass' });
  try {
    const results = await created.run(() => post({ type: 'paused' }));
    post(results.status === 'complete' ? { type: 'done', results } : { type: 'stopped' });
  } finally {
    running = false;
  }
}

/** Drops the session and the loaded models, giving their memory back. */
function forget(): void {
  session?.dispose();
  for (const l of Object.values(loaded)) l.model.dispose();
  session = null;
  loaded = {};
}

/**
 * A new backend for a run, as the settings choose (see chooseBackend), saying which in a
 * `backend` message. Its wasm backend has the platform's threads, else one thread (saying why);
 * without the wasm kernels, the reference backend.
 */
async function startBackend(wasm: boolean, settings: PlaygroundSettings, data: PlaygroundData): Promise<Backend> {
  const choice = settings.backend ?? 'auto';
  if (!wasm && choice !== 'webgpu') {
    post({ type: 'backend', name: 'ref', notice: 'noisenet: the reference backend (the wasm kernels did not load)' });
    return createBackend('ref');
  }
  const chosen = await chooseBackend(choice, { model: choice === 'auto' ? multiplyAddsOf(settings, data) : 0, createWasm: () => (wasm ? wasmBackend() : createBackend('ref')) });
  post({ type: 'backend', name: chosen.name, notice: chosen.notice });
  return chosen.backend;
}

function wasmBackend(): Backend {
  try {
    return createBackend('wasm');
  } catch (e) {
    post({ type: 'error', during: 'starting the kernel workers', message: `${(e as Error).message}; this run uses one thread` });
    return createBackend('wasm', { threads: 1 });
  }
}

/**
 * The forward multiply-adds per sample of the settings' model on this data (built on the
 * reference backend, then given back); 0 when the model does not fit the data (the run then
 * says why).
 */
function multiplyAddsOf(settings: PlaygroundSettings, data: PlaygroundData): number {
  const ref = createBackend('ref');
  try {
    const model = buildModel(presetSpec(settings.model, { inputShape: sampleShapeOf(data), classes: classesOf(data).length }), { backend: ref });
    const n = multiplyAddsPerSample(model);
    model.dispose();
    return n;
  } catch {
    return 0;
  } finally {
    ref.dispose();
  }
}

async function loadModel(m: Extract<ToWorker, { type: 'load-model' }>): Promise<void> {
  if (running) throw new Error('a run is in progress: load a model after it has finished');
  if (!dataset) throw new Error('no data yet: pick a dataset first');
  const config = session?.config ?? playgroundConfig(m.settings, dataset.name, isOwnData(dataset) ? countsOf(dataset) : undefined, taskOfData(dataset));
  const data = session?.data ?? playgroundExperimentData(dataset, config);
  const shape = { inputShape: data.train.x.shape.slice(1), classes: data.classes.length, imageShape: data.imageShape, ...(data.task ? { task: data.task } : {}) };
  const built = session ? null : buildRun({ ...config, noise: [] }, shape, { presetNoise: 'listed', ...(data.preprocessing ? { preprocessing: data.preprocessing } : {}) }).model;
  const name = m.files.find((f) => f.name.endsWith('.json'))?.name ?? 'model';
  let model: Sequential | null = null;
  let points;
  try {
    model = await loadModelFromFiles(m.files, backend ? { backend } : {});
    checkSameArchitecture(model, session?.model(m.arm) ?? built!, name);
    const r = config.robustness;
    points = await (data.task === 'regression' ? errorCurve : robustnessCurve)(model, data.validation.x, data.validation.y, { ...r, clip: r.clip ? { min: 0, max: 1 } : null });
  } catch (e) {
    model?.dispose();
    throw e;
  } finally {
    built?.dispose();
  }
  loaded[m.arm]?.model.dispose();
  loaded = { ...loaded, [m.arm]: { model, name } };
  post({ type: 'model-loaded', id: m.id, arm: m.arm, name });
  post({ type: 'robustness', arm: m.arm, points, source: name });
}

function handle(m: ToWorker): Promise<void> | void {
  switch (m.type) {
    case 'dataset':
      if (running) throw new Error('a run is in progress: stop it before changing the data');
      dataset = m.dataset;
      forget();
      return;
    case 'start':
      return start(m);
    case 'pause':
      return session?.pause();
    case 'resume':
      return session?.resume();
    case 'stop':
      return session?.stop();
    case 'predict':
      return predictArms(m.id, m.input);
    case 'export': {
      const files = ARMS.flatMap((arm) => {
        const model = modelOf(arm);
        return model ? modelFiles(model, arm) : [];
      });
      return post({ type: 'files', id: m.id, files });
    }
    case 'load-model':
      return loadModel(m);
  }
}

/** Both models' probabilities for one input (through predictAsync, which every backend has, the webgpu one included). */
async function predictArms(id: number, input: Float32Array): Promise<void> {
  const probabilities: Partial<Record<Arm, number[]>> = {};
  for (const arm of ARMS) {
    const model = modelOf(arm);
    if (model) probabilities[arm] = await predictRow(model, input);
  }
  post({ type: 'prediction', id, probabilities });
}

async function predictRow(model: Sequential, input: Float32Array): Promise<number[]> {
  const shape = model.inputShape;
  const size = shape.reduce((a, b) => a * b, 1);
  return Array.from((await model.predictAsync(new Tensor(Float32Array.from(input.subarray(0, size)), [1, ...shape]))).data);
}

const DURING: Record<ToWorker['type'], string> = {
  dataset: 'taking the data', start: 'training', pause: 'pausing', resume: 'continuing', stop: 'stopping',
  predict: 'predicting the drawing', export: 'exporting the models', 'load-model': 'loading the model',
};

scope.onmessage = (event) => {
  const m = event.data;
  const fail = (e: unknown): void => post({ type: 'error', ...('id' in m ? { id: m.id } : {}), during: DURING[m.type], message: e instanceof Error ? e.message : String(e) });
  try {
    const r = handle(m);
    if (r instanceof Promise) r.catch(fail);
  } catch (e) {
    fail(e);
  }
};
