/**
 * The playground page (built to app.js). It trains nothing itself: the training worker does,
 * and the page turns settings, data and clicks into messages and draws what comes back.
 * `document.body.dataset.state` is `loading`, `ready`, `training`, `paused`, `done` or `error`;
 * `window.noisenetResult` holds the results JSON once a run is done; `autorun=1` in the hash
 * starts training as soon as the data is in.
 */
import type { ExperimentResults } from '../../experiments/results.js';
import { MODEL_PRESETS } from '../../models/presets.js';
import { RUN_DEFAULTS } from '../../run/run-settings.js';
import { OPTIMIZER_NAMES } from '../../run/run-schema.js';
import { LOSS_NAMES, lossTask } from '../../losses/index.js';
import { defaultLoss } from '../../run/build-run.js';
import { downloadFiles } from '../../io/browser/downloads.js';
import { DEFAULT_SETTINGS, PlaygroundSettingsError, checkSettings, settingsFromHash, settingsToHash, type PlaygroundSettings } from '../settings.js';
import type { FromWorker, ToWorker } from '../protocol.js';
import type { Arm } from '../session.js';
import { byId, el } from './dom.js';
import { NoiseForm } from './noise-form.js';
import { RunView } from './run-view.js';
import { resetCard, showCard } from './card-view.js';
import { drawSeen, seenNote } from './seen-grid.js';
import { DrawPad, paintImage } from './drawpad.js';
import { classesOf, countsOf, describeData, isDigitData, isOwnData, sampleShapeOf, taskOfData, validationSample, type PlaygroundData } from '../playground-data.js';
import { targetOfText } from '../custom-data.js';
import { datasetOfFiles, filesOfDrop, filesOfInput, listDatasets, loadListed, type GivenFile, type ListedDataset } from './datasets.js';

type State = 'loading' | 'ready' | 'training' | 'paused' | 'done' | 'error';

declare global {
  interface Window {
    noisenetResult?: ExperimentResults;
    noisenetPlatform?: { threads: number; sharedMemory: boolean; singleThreadReason: string | null };
    /** The backend of the last run and the one line saying why. */
    noisenetBackend?: { name: string; notice: string };
    noisenetDrawing?: { source: string; input: number[]; probabilities: Partial<Record<Arm, number[]>> };
  }
}

const worker = new Worker(new URL('./train-worker.js', import.meta.url), { type: 'module', name: 'noisenet training' });
const send = (m: ToWorker): void => worker.postMessage(m);
const view = new RunView();
const noiseForm = new NoiseForm(byId('noise-slots'), RUN_DEFAULTS.hidden.length, () => noiseForm.problems());
const NUMBER_FIELDS = ['trainSize', 'epochs', 'lr', 'batchSize', 'seed'] as const;

let listed: ListedDataset[] = [];
let dataset: PlaygroundData | null = null;
let datasetKey = '';
let own: PlaygroundData | null = null;
/** Counts the own data given, so that new files replace the old even when they look alike. */
let ownGiven = 0;
/** The last table given, read again when the task or target changes. */
let ownTable: GivenFile[] | null = null;
let results: ExperimentResults | null = null;
let lastSettings: PlaygroundSettings | null = null;
let trained = false;
let restart = false;
let sampleIndex = 0;
let requestId = 0;

function setState(s: State): void {
  document.body.dataset.state = s;
  const active = s === 'training' || s === 'paused';
  const pause = byId<HTMLButtonElement>('pause');
  pause.disabled = !active;
  pause.textContent = s === 'paused' ? 'Continue' : 'Stop';
  byId<HTMLButtonElement>('train').textContent = s === 'paused' ? 'Train again (drops this run)' : 'Train both models';
  byId<HTMLButtonElement>('train').disabled = s === 'training' || s === 'loading' || dataset === null;
  byId<HTMLButtonElement>('download-models').disabled = !trained || active;
  byId<HTMLButtonElement>('download-results').disabled = results === null || active;
}

function showMessage(text: string | null): void {
  const box = byId('message');
  box.textContent = text ?? '';
  box.hidden = text === null;
}

/** The form's settings, or the problems with them. */
function formSettings(): PlaygroundSettings {
  const value = (id: string): string => byId<HTMLInputElement | HTMLSelectElement>(id).value;
  const num = (id: string): number => (value(id).trim() === '' ? NaN : Number(value(id)));
  const s: PlaygroundSettings = {
    dataset: value('dataset'),
    model: value('model'),
    optimizer: value('optimizer') as PlaygroundSettings['optimizer'],
    loss: value('loss') as PlaygroundSettings['loss'],
    task: value('task') as PlaygroundSettings['task'],
    trainSize: num('trainSize'),
    epochs: num('epochs'),
    lr: num('lr'),
    batchSize: num('batchSize'),
    seed: num('seed'),
    noise: noiseForm.specs(),
    autorun: false,
    backend: value('backend') as PlaygroundSettings['backend'],
  };
  const problems = noiseForm.problems();
  try {
    checkSettings(s, [...listed.map((d) => d.name), 'custom']);
  } catch (e) {
    if (!(e instanceof PlaygroundSettingsError)) throw e;
    throw new PlaygroundSettingsError([...new Set([...e.problems, ...problems])]);
  }
  return s;
}

/** The chosen preset's layers, under its menu (the menu shows names only, to fit a phone). */
function showModelNote(): void {
  const name = byId<HTMLSelectElement>('model').value;
  const task = dataset ? taskOfData(dataset) : 'multiclass';
  const output = task === 'regression' ? ' For this table its output is one linear unit: the predicted value.' : task === 'binary' ? ' For this table its output is one sigmoid unit: the probability of the second class.' : '';
  byId('model-note').textContent = `${MODEL_PRESETS[name]?.summary ?? ''}${output}`;
}

function applySettings(s: PlaygroundSettings): void {
  byId<HTMLSelectElement>('dataset').value = s.dataset;
  byId<HTMLSelectElement>('model').value = s.model;
  byId<HTMLSelectElement>('optimizer').value = s.optimizer;
  byId<HTMLSelectElement>('loss').value = s.loss;
  byId<HTMLSelectElement>('task').value = s.task;
  byId<HTMLSelectElement>('backend').value = s.backend ?? 'auto';
  showModelNote();
  for (const f of NUMBER_FIELDS) byId<HTMLInputElement>(f).value = String(s[f]);
  noiseForm.set(s.noise);
  byId('own').hidden = s.dataset !== 'custom';
}

/**
 * The panel that tries the models on one input: a drawing pad for digit data only (MNIST,
 * mnist-mini), else validation images (in colour when they are) or validation rows of a table.
 * `document.body.dataset.draw` is `digit`, `images` or `table`.
 */
function showTryPanel(d: PlaygroundData): void {
  const shape = sampleShapeOf(d);
  const mode = isDigitData(d) ? 'digit' : shape.length === 3 ? 'images' : 'table';
  document.body.dataset.draw = mode;
  byId('pad').hidden = mode !== 'digit';
  byId('clear').hidden = mode !== 'digit';
  byId('sample-image').hidden = mode !== 'images';
  byId('sample-row').hidden = mode !== 'table';
  byId('draw-title').textContent = mode === 'digit' ? '4. Draw a digit' : mode === 'images' ? '4. Try the models on validation images' : '4. Try the models on validation rows';
  byId('sample').textContent = mode === 'table' ? 'Use a validation row' : 'Use a validation image';
  byId('seen').hidden = mode === 'table';
  byId('robust-title').textContent = `5. Robustness: ${mode === 'table' ? 'rows' : 'images'} with noise at test time`;
  // What was tried on the last data does not belong to this data.
  const regression = taskOfData(d) === 'regression';
  byId('sample-row').textContent = '';
  byId('probabilities').querySelector('caption')!.textContent = regression ? 'Predicted value' : 'Predicted probabilities';
  byId('probabilities').querySelector('thead th')!.textContent = regression ? '' : 'class';
  byId('probabilities').querySelector('tbody')!.replaceChildren();
}

/** Loads the dataset the form names (unless it is loaded) and hands it to the worker. */
async function ensureData(): Promise<boolean> {
  const name = byId<HTMLSelectElement>('dataset').value;
  const key = name === 'custom' ? `custom:${ownGiven}` : name;
  if (dataset && key === datasetKey) return true;
  let next: PlaygroundData | null;
  if (name === 'custom') {
    next = own;
    if (!next) {
      byId('data-status').textContent = 'Drop or pick your files below.';
      return false;
    }
  } else {
    const entry = listed.find((d) => d.name === name);
    if (!entry) throw new Error(`the dataset ${name} is not offered here`);
    byId('data-status').textContent = `Loading ${entry.title}…`;
    next = await loadListed(entry);
  }
  dataset = next;
  datasetKey = key;
  trained = false;
  results = null;
  send({ type: 'dataset', dataset: next });
  byId('data-status').textContent = describeData(next);
  const trainCount = countsOf(next).train;
  byId<HTMLInputElement>('trainSize').max = String(trainCount);
  // Own data may be smaller than the default training size: at most all of it.
  const trainSize = byId<HTMLInputElement>('trainSize');
  if (isOwnData(next) && Number(trainSize.value) > trainCount) trainSize.value = String(trainCount);
  sampleIndex = 0;
  // The loss follows the task: a class loss cannot train a value, nor a binary loss ten classes.
  const task = taskOfData(next);
  const loss = byId<HTMLSelectElement>('loss');
  if (lossTask(loss.value) !== task && !(task === 'multiclass' && lossTask(loss.value) === 'regression')) loss.value = defaultLoss(task);
  view.setTask(task);
  showModelNote();
  showTryPanel(next);
  return true;
}

async function train(): Promise<void> {
  showMessage(null);
  let s: PlaygroundSettings;
  try {
    s = formSettings();
  } catch (e) {
    showMessage(`Cannot train with these settings: ${(e as Error).message}`);
    return;
  }
  if (document.body.dataset.state === 'paused') {
    restart = true;
    send({ type: 'stop' });
    lastSettings = s;
    return;
  }
  if (!(await ensureData())) {
    showMessage('Give your own files first (drop them on the page or pick them), or choose a dataset.');
    return;
  }
  lastSettings = s;
  history.replaceState(null, '', settingsToHash(s));
  begin(s);
}

function begin(s: PlaygroundSettings): void {
  results = null;
  window.noisenetResult = undefined;
  view.reset({ baseline: 'baseline', noisy: s.noise.join(' + ') }, dataset ? taskOfData(dataset) : 'multiclass');
  resetCard('Measured after training.');
  byId('seen-noisy-caption').textContent = `noisy model (${s.noise.join(' + ')})`;
  byId('seen-note').textContent = seenNote(s.noise);
  setState('training');
  send({ type: 'start', settings: s, environment: environment() });
}

function environment(): { runtime: string; machine: ExperimentResults['machine'] } {
  const nav = navigator as Navigator & { deviceMemory?: number; userAgentData?: { platform?: string } };
  return {
    runtime: `browser: ${nav.userAgent}`,
    machine: { platform: nav.userAgentData?.platform ?? nav.platform ?? 'unknown', arch: 'unknown', cpu: 'unknown', cpus: nav.hardwareConcurrency ?? 1, memoryGiB: nav.deviceMemory ?? 0 },
  };
}

/** The inputs of predictions asked for, by request id, and what they show. */
const asked = new Map<number, { source: string; input: Float32Array }>();

function predict(input: Float32Array | null, source = 'drawing'): void {
  if (!input) return;
  if (!trained) {
    byId('probabilities').querySelector('tbody')!.replaceChildren(el('tr', {}, el('td', { colspan: '3' }, 'Train the models first.')));
    return;
  }
  const id = ++requestId;
  asked.set(id, { source, input });
  send({ type: 'predict', id, input });
}

function showProbabilities(id: number, p: Partial<Record<Arm, number[]>>): void {
  const request = asked.get(id);
  asked.delete(id);
  if (id !== requestId || !request) return; // a newer one is on its way
  const task = dataset ? taskOfData(dataset) : 'multiclass';
  const body = byId('probabilities').querySelector('tbody')!;
  window.noisenetDrawing = { source: request.source, input: Array.from(request.input), probabilities: p };
  if (task === 'regression') {
    body.replaceChildren(el('tr', {}, el('th', { scope: 'row' }, 'predicted value'), ...(['baseline', 'noisy'] as const).map((arm) => el('td', {}, p[arm]?.[0]?.toPrecision(5) ?? '–'))));
    return;
  }
  // A yes/no model's one output is the probability of the second class.
  if (task === 'binary') p = Object.fromEntries(Object.entries(p).map(([arm, v]) => [arm, [1 - v[0]!, v[0]!]]));
  const classes = dataset ? classesOf(dataset) : [];
  const best = (arm: Arm): number => (p[arm] ?? []).reduce((b, v, i, a) => (v > a[b]! ? i : b), 0);
  const cell = (arm: Arm, c: number): HTMLTableCellElement => {
    const v = p[arm]?.[c];
    const td = el('td', v !== undefined && c === best(arm) ? { class: 'best' } : {});
    if (v !== undefined) td.append(el('span', { class: `bar ${arm}`, style: `width:${(v * 4).toFixed(2)}rem` }), v.toFixed(3));
    return td;
  };
  body.replaceChildren(...classes.map((name, c) => el('tr', {}, el('th', { scope: 'row' }, name), cell('baseline', c), cell('noisy', c))));
}

function onWorker(m: FromWorker): void {
  switch (m.type) {
    case 'ready': {
      window.noisenetPlatform = m.platform;
      const p = m.platform;
      byId('threads').textContent = p.threads > 1 ? `Training runs on ${p.threads} threads (Web Workers sharing the WebAssembly memory).` : `Training runs on one thread: ${p.singleThreadReason ?? 'one was asked for'}.`;
      return;
    }
    case 'backend':
      window.noisenetBackend = { name: m.name, notice: m.notice };
      byId('backend-note').textContent = m.notice.replace(/^noisenet: /, 'This run: ');
      return;
    case 'started':
      byId('eta').textContent = `Training on ${m.trainCount} samples, validating on ${m.validationCount}, ${m.threads} thread${m.threads > 1 ? 's' : ''}…`;
      byId('data-status').textContent = `${dataset ? describeData(dataset) : ''} This run validates on ${m.validationCount} of them.`;
      return;
    case 'progress':
      return view.progress(m.done, m.total, m.arm, m.epoch);
    case 'epoch':
      trained = true;
      return view.epoch(m.arm, m.logs);
    case 'seen':
      if (dataset) {
        const shape = sampleShapeOf(dataset);
        if (shape.length === 3) drawSeen(byId<HTMLCanvasElement>(`seen-${m.arm}`), m.seen, shape[0]!, shape[1]!, shape[2]!);
      }
      return;
    case 'paused':
      view.paused(true);
      return setState('paused');
    case 'stopped':
      if (restart && lastSettings) {
        restart = false;
        void ensureData().then((ok) => {
          if (!ok || !lastSettings) return setState('ready');
          history.replaceState(null, '', settingsToHash(lastSettings));
          begin(lastSettings);
        });
      } else setState('ready');
      return;
    case 'measuring':
      byId('eta').textContent = `Measuring the ${m.arm === 'baseline' ? 'baseline' : 'noisy model'}'s robustness on ${m.samples} validation ${dataset && sampleShapeOf(dataset).length === 1 ? 'rows' : 'images'}, then its robustness card…`;
      return;
    case 'robustness':
      return view.robust(m.arm, m.points, m.source);
    case 'predictions':
      return view.predictions(m.arm, m.truth, m.predicted);
    case 'done':
      results = m.results;
      window.noisenetResult = m.results;
      view.finished();
      showCard(m.results);
      return setState('done');
    case 'prediction':
      return showProbabilities(m.id, m.probabilities);
    case 'files':
      return downloadFiles(m.files);
    case 'model-loaded':
      byId('load-status').textContent = `The ${m.arm === 'baseline' ? 'baseline' : 'noisy model'} is now ${m.name}: the drawing and the robustness chart use it.`;
      trained = true;
      setState((document.body.dataset.state as State) ?? 'ready');
      return;
    case 'error': {
      const text = `Error while ${m.during}: ${m.message}`;
      showMessage(text);
      if (m.during === 'training') {
        view.paused(true);
        setState('error');
      } else if (m.during === 'loading the model') byId('load-status').textContent = text;
      return;
    }
  }
}
worker.onmessage = (e: MessageEvent<FromWorker>) => onWorker(e.data);
worker.onerror = (e) => {
  showMessage(`The training worker failed: ${e.message || 'it did not load'}`);
  setState('error');
};

async function useOwnFiles(given: GivenFile[]): Promise<void> {
  const status = byId('own-status');
  status.textContent = `Reading ${given.length} files…`;
  try {
    own = await datasetOfFiles(given, targetOfText(byId<HTMLInputElement>('own-target').value), byId<HTMLSelectElement>('task').value as PlaygroundSettings['task']);
    ownGiven++;
    ownTable = isOwnData(own) && own.loaded.kind === 'table' ? given : null;
    const counts = countsOf(own);
    const shape = sampleShapeOf(own);
    const task = taskOfData(own);
    const target = task === 'regression' ? 'a continuous target (a regression)' : `classes ${classesOf(own).join(', ')}${task === 'binary' ? ' (yes/no)' : ''}`;
    status.textContent = `Read ${counts.train + counts.validation} ${shape.length === 1 ? `rows of ${shape[0]} features` : `images${shape[2] === 3 ? ' in colour' : ''}`}, ${target}.`;
    showMessage(null);
    byId<HTMLSelectElement>('dataset').value = 'custom';
    await ensureData();
    setState('ready');
  } catch (e) {
    status.textContent = 'These files were not used.';
    showMessage(`Your files cannot be used: ${(e as Error).message}`);
  }
}

function wire(): void {
  byId('settings').addEventListener('submit', (e) => {
    e.preventDefault();
    void train();
  });
  byId('pause').addEventListener('click', () => {
    if (document.body.dataset.state === 'paused') {
      view.paused(false);
      send({ type: 'resume' });
      setState('training');
    } else send({ type: 'pause' });
  });
  byId('share').addEventListener('click', () => {
    try {
      const s = formSettings();
      if (s.dataset === 'custom') throw new Error('own files cannot travel in a link');
      const url = `${location.href.split('#')[0]}${settingsToHash(s)}`;
      history.replaceState(null, '', settingsToHash(s));
      void navigator.clipboard?.writeText(url).catch(() => undefined);
      byId('share-status').textContent = `Link: ${url}`;
    } catch (e) {
      byId('share-status').textContent = `No link: ${(e as Error).message}`;
    }
  });
  byId('dataset').addEventListener('change', () => {
    const custom = byId<HTMLSelectElement>('dataset').value === 'custom';
    byId('own').hidden = !custom;
    if (document.body.dataset.state === 'training') return;
    setState('loading');
    ensureData().then(
      () => setState('ready'),
      (e: Error) => {
        showMessage(`The data could not be loaded: ${e.message}`);
        setState('ready');
      },
    );
  });
  // The task and the target say how a table is read: read the last one again with them.
  for (const id of ['task', 'own-target']) {
    byId(id).addEventListener('change', () => {
      if (ownTable && document.body.dataset.state !== 'training' && document.body.dataset.state !== 'paused') void useOwnFiles(ownTable);
    });
  }
  for (const id of ['own-files', 'own-folder']) {
    const input = byId<HTMLInputElement>(id);
    input.addEventListener('change', () => void useOwnFiles(filesOfInput(input)));
  }
  const drop = byId('own');
  const body = document.body;
  body.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  body.addEventListener('dragleave', () => drop.classList.remove('over'));
  body.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (!e.dataTransfer) return;
    drop.hidden = false;
    void filesOfDrop(e.dataTransfer).then(useOwnFiles, (err: Error) => showMessage(`Your files cannot be used: ${err.message}`));
  });
  const pad = new DrawPad(byId<HTMLCanvasElement>('pad'), predict, () => {
    const shape = dataset ? sampleShapeOf(dataset) : [28, 28, 1];
    return { height: shape[0] ?? 28, width: shape[1] ?? 28 };
  });
  byId('clear').addEventListener('click', () => pad.clear());
  byId('sample').addEventListener('click', () => {
    if (!dataset) return;
    const { index: i, values, label } = validationSample(dataset, sampleIndex++);
    const shape = sampleShapeOf(dataset);
    const what = shape.length === 3 ? 'image' : 'row';
    if (isDigitData(dataset)) pad.show(values, shape[0]!, shape[1]!);
    else if (shape.length === 3) {
      const canvas = byId<HTMLCanvasElement>('sample-image');
      const ctx = canvas.getContext('2d');
      if (ctx) {
        ctx.fillStyle = '#000';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        paintImage(ctx, values, shape[0]!, shape[1]!, shape[2]!);
      }
    } else if (isOwnData(dataset)) {
      const names = dataset.loaded.featureNames ?? [];
      byId('sample-row').textContent = Array.from(values, (v, k) => `${names[k] ?? `feature ${k}`} ${Number(v.toPrecision(4))}`).join(', ');
    }
    const regression = taskOfData(dataset) === 'regression';
    byId('probabilities').querySelector('caption')!.textContent = regression ? `Predicted value (validation ${what} ${i + 1}, true value ${Number(label.toPrecision(6))})` : `Predicted probabilities (validation ${what} ${i + 1}, class ${classesOf(dataset)[label]})`;
    predict(values, `validation ${what} ${i + 1}`);
  });
  byId('download-models').addEventListener('click', () => send({ type: 'export', id: ++requestId }));
  byId('download-results').addEventListener('click', () => {
    if (!results) return;
    downloadFiles([new File([`${JSON.stringify(results, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1)}\n`], 'results.json', { type: 'application/json' })]);
  });
  byId('load-files').addEventListener('change', () => {
    const input = byId<HTMLInputElement>('load-files');
    const files = [...(input.files ?? [])];
    if (files.length === 0) return;
    let s: PlaygroundSettings;
    try {
      s = formSettings();
    } catch (e) {
      byId('load-status').textContent = `Fix the settings first: ${(e as Error).message}`;
      return;
    }
    byId('load-status').textContent = `Loading ${files.map((f) => f.name).join(', ')}…`;
    send({ type: 'load-model', id: ++requestId, arm: byId<HTMLSelectElement>('load-arm').value as Arm, files, settings: s });
    input.value = '';
  });
}

async function init(): Promise<void> {
  setState('loading');
  const model = byId<HTMLSelectElement>('model');
  for (const name of Object.keys(MODEL_PRESETS)) model.append(el('option', { value: name }, name));
  const optimizer = byId<HTMLSelectElement>('optimizer');
  for (const name of OPTIMIZER_NAMES) optimizer.append(el('option', { value: name }, name));
  const loss = byId<HTMLSelectElement>('loss');
  for (const name of LOSS_NAMES) loss.append(el('option', { value: name }, name));
  model.addEventListener('change', showModelNote);
  showModelNote();
  try {
    listed = await listDatasets();
  } catch (e) {
    showMessage(`The datasets of this page could not be listed: ${(e as Error).message}`);
  }
  const select = byId<HTMLSelectElement>('dataset');
  for (const d of listed) select.append(el('option', { value: d.name }, d.title));
  select.append(el('option', { value: 'custom' }, 'Your own files (a table, images, .npz or IDX)'));
  let s: PlaygroundSettings = { ...DEFAULT_SETTINGS, noise: [...DEFAULT_SETTINGS.noise] };
  try {
    const fromHash = settingsFromHash(location.hash);
    if (fromHash) {
      if (!listed.some((d) => d.name === fromHash.dataset)) throw new PlaygroundSettingsError([`dataset ${fromHash.dataset} is not offered here (offered: ${listed.map((d) => d.name).join(', ') || 'none'})`]);
      s = fromHash;
    }
  } catch (e) {
    showMessage(`The link's settings were not used: ${(e as Error).message}. The defaults are shown instead.`);
  }
  applySettings(s);
  wire();
  // A link opened in this tab changes only the hash (no new page): load it as a new page would, so it reproduces its run.
  addEventListener('hashchange', () => location.reload());
  try {
    await ensureData();
  } catch (e) {
    showMessage(`The data could not be loaded: ${(e as Error).message}`);
  }
  setState('ready');
  if (s.autorun && dataset) await train();
}

void init();
