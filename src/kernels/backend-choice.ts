/**
 * Choosing between the wasm and webgpu backends: `auto`, `wasm` or `webgpu`. `auto` takes the
 * GPU when there is a hardware WebGPU adapter and the model is big enough for the GPU to gain
 * (see {@link WEBGPU_MIN_MULTIPLY_ADDS}), else the wasm backend; either way it says which and
 * why in one line. `webgpu` asked for explicitly fails with one line saying why when it cannot
 * start. Nothing happens on import.
 */
import type { Backend } from './backend.js';
import type { BackendOptions } from './backend-options.js';
import { createBackend, setBackend } from './registry.js';
import { createWebGpuBackend } from './webgpu/index.js';
import { WebGpuUnavailableError, invalid } from '../errors.js';
import { BACKEND_CHOICES, WEBGPU_MIN_MULTIPLY_ADDS, multiplyAddsPerSample, type BackendChoice, type MultiplyAddsModel } from './backend-choices.js';

export { BACKEND_CHOICES, WEBGPU_MIN_MULTIPLY_ADDS, multiplyAddsPerSample, type BackendChoice, type MultiplyAddsModel } from './backend-choices.js';

/** What a WebGPU adapter says of itself (`GPUAdapterInfo`), and whether it is a software one. */
export interface AdapterFacts {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A CPU emulation (SwiftShader, lavapipe, llvmpipe, or an adapter flagged as a fallback). */
  software: boolean;
}

/** What {@link chooseBackend} made, and the one line that says so. */
export interface ChosenBackend {
  /** The new backend (the caller disposes it, or hands it to `setBackend`). */
  backend: Backend;
  /** What was asked for. */
  choice: BackendChoice;
  /** `wasm` or `webgpu` (or `ref` where the wasm kernels could not load and `createWasm` made it). */
  name: string;
  /** The adapter seen, or null when there was none (or `wasm` was asked for). */
  adapter: AdapterFacts | null;
  /** One line: which backend, on which adapter, and why. */
  notice: string;
}

/** Options of {@link chooseBackend}. */
export interface ChooseBackendOptions {
  /**
   * The model the backend is for, or its forward multiply-adds per sample (see
   * {@link multiplyAddsPerSample}); `auto` needs one of them to judge the GPU's gain.
   */
  model?: MultiplyAddsModel | number;
  /** Options of the wasm backend (threads). */
  wasm?: BackendOptions;
  /** Makes the wasm backend when that is the choice; default `createBackend('wasm', options.wasm)`. */
  createWasm?: () => Backend;
  /** The WebGPU entry point (`navigator.gpu` by default), typed `unknown` so that the public types need no WebGPU declarations. */
  gpu?: unknown;
}

/** The adapter's own words, and whether it is a CPU emulation. */
export function adapterFacts(adapter: unknown): AdapterFacts {
  const a = adapter as { info?: Partial<Record<'vendor' | 'architecture' | 'device' | 'description', string>> & { isFallbackAdapter?: boolean }; isFallbackAdapter?: boolean };
  const info = a.info ?? {};
  const facts = { vendor: info.vendor ?? '', architecture: info.architecture ?? '', device: info.device ?? '', description: info.description ?? '' };
  const words = `${facts.vendor} ${facts.architecture} ${facts.device} ${facts.description}`.toLowerCase();
  const software = Boolean(info.isFallbackAdapter ?? a.isFallbackAdapter) || /swiftshader|lavapipe|llvmpipe|software/.test(words);
  return { ...facts, software };
}

/** E.g. `google swiftshader (SwiftShader, a CPU emulation)` or `nvidia ampere`. */
export function describeAdapter(facts: AdapterFacts): string {
  const name = [facts.vendor, facts.architecture].filter((w) => w !== '').join(' ') || facts.description || 'an unnamed adapter';
  const swiftshader = /swiftshader/i.test(`${facts.architecture} ${facts.description} ${facts.device}`);
  return facts.software ? `${name} (${swiftshader ? 'SwiftShader, ' : ''}a CPU emulation)` : name;
}

/** A WebGPU adapter, or why there is none. */
async function findAdapter(gpu: unknown): Promise<{ adapter: unknown; facts: AdapterFacts } | { reason: string }> {
  const g = (gpu ?? (globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu) as { requestAdapter?: (o?: object) => Promise<unknown> } | undefined;
  if (!g || typeof g.requestAdapter !== 'function') return { reason: 'this runtime has no WebGPU (no navigator.gpu; in a browser it needs a secure context: https or localhost)' };
  let adapter: unknown;
  try {
    adapter = await g.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { reason: `the WebGPU adapter request failed (${(e as Error).message})` };
  }
  if (!adapter) return { reason: 'navigator.gpu gave no WebGPU adapter (no usable GPU, or WebGPU is turned off in this browser)' };
  return { adapter, facts: adapterFacts(adapter) };
}

const millions = (n: number): string => `${(n / 1e6).toFixed(n < 1e7 ? 2 : 1)} million`;

/**
 * Creates the backend `choice` asks for. `auto` takes WebGPU when an adapter is there, it is a
 * hardware one, and the model's forward pass has at least {@link WEBGPU_MIN_MULTIPLY_ADDS}
 * multiply-adds per sample; otherwise (or when the WebGPU backend fails to start) the wasm
 * backend. The notice names the adapter and the reason.
 * @throws WebGpuUnavailableError (one line: why) when `webgpu` is asked for and cannot start.
 * @throws InvalidArgumentError for an unknown choice, or `auto` without a model.
 */
export async function chooseBackend(choice: BackendChoice, options: ChooseBackendOptions = {}): Promise<ChosenBackend> {
  if (!(BACKEND_CHOICES as readonly string[]).includes(choice)) throw invalid('chooseBackend', 'choice', BACKEND_CHOICES.join(', '), choice);
  const wasm = (adapter: AdapterFacts | null, notice: string): ChosenBackend => {
    const backend = options.createWasm?.() ?? createBackend('wasm', options.wasm ?? {});
    return { backend, choice, name: backend.name, adapter, notice: `noisenet: ${notice}` };
  };
  if (choice === 'wasm') return wasm(null, 'wasm backend, as asked');
  const macs = typeof options.model === 'number' ? options.model : options.model ? multiplyAddsPerSample(options.model) : undefined;
  if (choice === 'auto' && macs === undefined) throw invalid('chooseBackend', 'model', "the model (or its multiply-adds per sample) for 'auto'", options.model);
  const found = await findAdapter(options.gpu);
  if ('reason' in found) {
    if (choice === 'webgpu') throw new WebGpuUnavailableError(`webgpu backend: ${found.reason}`);
    return wasm(null, `wasm backend: ${found.reason}`);
  }
  const { adapter, facts } = found;
  const on = describeAdapter(facts);
  if (choice === 'auto') {
    const size = `the model's ${millions(macs!)} multiply-adds per sample`;
    if (macs! < WEBGPU_MIN_MULTIPLY_ADDS) return wasm(facts, `wasm backend, not WebGPU on ${on}: ${size} are under the ${millions(WEBGPU_MIN_MULTIPLY_ADDS)} from which the GPU gains`);
    if (facts.software) return wasm(facts, `wasm backend, not WebGPU on ${on}: a software adapter is slower than the wasm backend`);
    try {
      const backend = await createWebGpuBackend({ gpu: options.gpu, adapter });
      return { backend, choice, name: 'webgpu', adapter: facts, notice: `noisenet: WebGPU backend on ${on}: ${size} reach the ${millions(WEBGPU_MIN_MULTIPLY_ADDS)} from which the GPU gains` };
    } catch (e) {
      return wasm(facts, `wasm backend: WebGPU on ${on} did not start (${(e as Error).message})`);
    }
  }
  const backend = await createWebGpuBackend({ gpu: options.gpu, adapter });
  return { backend, choice, name: 'webgpu', adapter: facts, notice: `noisenet: WebGPU backend on ${on}, as asked` };
}

/**
 * {@link chooseBackend}, then makes the backend the one new models use (`getBackend()`), with its
 * notice as `backendNotice()`. Returns what was chosen.
 */
export async function useBackend(choice: BackendChoice, options: ChooseBackendOptions = {}): Promise<ChosenBackend> {
  const chosen = await chooseBackend(choice, options);
  setBackend(chosen.backend, { notice: chosen.notice });
  return chosen;
}
