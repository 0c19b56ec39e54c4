/**
 * WebGPU in Node: the optional package `webgpu` (Dawn's bindings) gives a `GPU` object that
 * {@link createWebGpuBackend} takes. The package is never a dependency of noisenet (it holds a
 * native binary): it is loaded only when asked for, and its absence is a one-line error.
 */
import { WebGpuUnavailableError } from '../../../errors.js';

/** The package that provides WebGPU in Node. */
export const NODE_WEBGPU_PACKAGE = 'webgpu';

/** Options of {@link nodeWebGpu}. */
export interface NodeWebGpuOptions {
  /** Dawn's flags for the package's `create(flags)`, e.g. `['backend=vulkan']`; none by default. */
  readonly flags?: readonly string[];
  /** Passed to `requestAdapter`. */
  readonly powerPreference?: 'low-power' | 'high-performance';
  /** The package to load (`webgpu`). */
  readonly module?: string;
  /** How the package is loaded (a dynamic `import` by default). */
  readonly importer?: (name: string) => Promise<unknown>;
}

/** What {@link nodeWebGpu} found: pass `gpu` and `adapter` to `createWebGpuBackend`. */
export interface NodeWebGpu {
  /** The package's `GPU` object (typed `unknown`: the public types need no WebGPU declarations). */
  readonly gpu: unknown;
  /** The adapter found (a `GPUAdapter`). */
  readonly adapter: unknown;
  /** One line naming the adapter, e.g. `llvmpipe (OpenGL ES 3.2 Mesa 22.3.6), compatibility mode`. */
  readonly description: string;
}

/** Dawn's instances made so far, by package and flags. */
const instances = new Map<string, GPU>();

interface DawnModule {
  create(flags: string[]): GPU;
}

/**
 * Loads the optional package `webgpu` and finds an adapter: the default one, else Dawn's
 * compatibility mode, else (when no flags were given) Dawn's OpenGL ES backend in compatibility
 * mode, headless through EGL's surfaceless platform (Mesa's llvmpipe runs it on the CPU).
 * @throws WebGpuUnavailableError when the package is not installed or gives no adapter.
 */
export async function nodeWebGpu(options: NodeWebGpuOptions = {}): Promise<NodeWebGpu> {
  const name = options.module ?? NODE_WEBGPU_PACKAGE;
  const load = options.importer ?? ((m: string) => import(m) as Promise<unknown>);
  let dawn: DawnModule;
  try {
    dawn = (await load(name)) as DawnModule;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new WebGpuUnavailableError(`the webgpu backend in Node needs the optional package ${name} (Dawn's bindings): npm install ${name}`);
    }
    throw new WebGpuUnavailableError(`the webgpu backend in Node: the package ${name} failed to load (${firstLine(err)})`);
  }
  if (typeof dawn?.create !== 'function') throw new WebGpuUnavailableError(`the webgpu backend in Node: the package ${name} has no create() function (Dawn's bindings, npm install ${name}, have one)`);
  const request = options.powerPreference ? { powerPreference: options.powerPreference } : {};
  const attempts: { flags: string[]; compatibility: boolean }[] = [
    { flags: [...(options.flags ?? [])], compatibility: false },
    { flags: [...(options.flags ?? [])], compatibility: true },
  ];
  if (options.flags === undefined) attempts.push({ flags: ['backend=opengles'], compatibility: true });
  for (const { flags, compatibility } of attempts) {
    // Mesa's EGL needs a platform to start without a display; surfaceless is the headless one.
    if (flags.includes('backend=opengles') && process.env.EGL_PLATFORM === undefined) process.env.EGL_PLATFORM = 'surfaceless';
    // One instance per set of flags, kept for the life of the process (Dawn's instances are not freed safely).
    const key = `${name}\0${flags.join('\0')}`;
    const gpu = instances.get(key) ?? dawn.create(flags);
    instances.set(key, gpu);
    const adapter = await gpu.requestAdapter(compatibility ? { ...request, featureLevel: 'compatibility' } : request);
    if (adapter) return { gpu, adapter, description: describe(adapter, compatibility) };
  }
  throw new WebGpuUnavailableError(`the webgpu backend in Node: the package ${name} found no adapter (no GPU driver usable by Dawn: Vulkan, or Mesa's EGL for OpenGL ES)`);
}

function describe(adapter: GPUAdapter, compatibility: boolean): string {
  const info = adapter.info;
  const name = [info.vendor, info.architecture, info.device].filter((s) => s).join(' ') || 'an adapter';
  return `${name}${info.description ? ` (${info.description})` : ''}${compatibility ? ', compatibility mode' : ''}`;
}

function firstLine(err: unknown): string {
  return String(err instanceof Error ? err.message : err).split('\n')[0] ?? '';
}
