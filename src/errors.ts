/**
 * Typed errors. Every message is one line that says what was expected and what was found,
 * so the CLI can print it as is.
 */

/** Base class of every error noisenet throws on purpose; its message is always one line. */
export class NoisenetError extends Error {
  override name = 'NoisenetError';

  constructor(message?: string, options?: ErrorOptions) {
    super(message === undefined ? undefined : oneLine(message), options);
  }
}

/**
 * `text` on one line: control characters (a newline in a file name or a spec, say) are written
 * as JSON escapes, `\n`, `\u0000`; so are terminal escapes (`\u001b`, the C1 controls) and the
 * characters that reorder text (bidirectional overrides), so that a name cannot redraw or
 * disguise a terminal line.
 */
export function oneLine(text: string): string {
  return text.replace(CONTROL, escapeControl);
}

/**
 * `text` as it may reach a terminal or a log: {@link oneLine}'s escapes, but the line breaks and
 * tabs kept, and a carriage return kept at the very start (how a progress bar redraws its line).
 * The CLI writes all its output through this.
 */
export function printable(text: string): string {
  const rest = text.startsWith('\r') ? text.slice(1) : text;
  const escaped = rest.replace(CONTROL, (c) => (c === '\n' || c === '\t' ? c : escapeControl(c)));
  return rest === text ? escaped : `\r${escaped}`;
}

// eslint-disable-next-line no-control-regex -- control characters are what this escapes
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeControl(c: string): string {
  const json = JSON.stringify(c).slice(1, -1);
  return json.length > 1 ? json : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** An option or argument outside its allowed range or of the wrong type. */
export class InvalidArgumentError extends NoisenetError {
  override name = 'InvalidArgumentError';
  /** The option or argument at fault, as a path (`units`, `weightNoise.stddev`), when known. */
  argument?: string;
}

/** Data or weights whose shape does not fit where they are used. */
export class ShapeError extends NoisenetError {
  override name = 'ShapeError';
}

/** A layer of a model that does not fit the output of the layer before it: which layer, and why. */
export class LayerShapeError extends ShapeError {
  override name = 'LayerShapeError';
  constructor(
    readonly model: string,
    /** The layer's position in the model, 0 being the input. */
    readonly index: number,
    /** The layer's own message: what it received and what it needs. */
    readonly reason: string,
  ) {
    super(`model '${model}': layer ${index}: ${reason}`);
  }
}

/** A data file that cannot be read: truncated, corrupt, wrong magic, inconsistent counts. */
export class DataFileError extends NoisenetError {
  override name = 'DataFileError';
}

/** A download that failed or a downloaded file that does not match its checksum. */
export class DownloadError extends NoisenetError {
  override name = 'DownloadError';
}

/** A saved model folder that is missing a file or does not match the model it is loaded into. */
export class ModelFileError extends NoisenetError {
  override name = 'ModelFileError';
}

/** An output folder that another process is writing (it holds the folder's lock); the message names that process. */
export class FolderInUseError extends NoisenetError {
  override name = 'FolderInUseError';
}

/** A model that cannot be written in another format, e.g. a layer ONNX export has no mapping for. */
export class ExportError extends NoisenetError {
  override name = 'ExportError';
}

/** A feature's optional package (an optional peer dependency) is not installed; the message names what to `npm install`. */
export class MissingPackageError extends NoisenetError {
  override name = 'MissingPackageError';
}

/**
 * A resource of the machine ran out (memory, disk): nothing is wrong with the settings, and
 * the same work may succeed elsewhere or later, so a queue retries it.
 */
export class ResourceError extends NoisenetError {
  override name = 'ResourceError';
}

/** A backend's memory cannot hold another buffer (the wasm memory at its limit). */
export class OutOfMemoryError extends ResourceError {
  override name = 'OutOfMemoryError';
}

/** Training that cannot go on, e.g. a loss that became NaN or infinite. */
export class TrainingError extends NoisenetError {
  override name = 'TrainingError';
}

/**
 * Builds the one message shape every validation shares:
 * `<where>: <argument> must be <expected>, received <value>`.
 */
export function invalid(where: string, argument: string, expected: string, received: unknown): InvalidArgumentError {
  const e = new InvalidArgumentError(`${where}: ${argument} must be ${expected}, received ${formatValue(received)}`);
  e.argument = argument;
  return e;
}

function formatValue(value: unknown): string {
  const text = valueText(value);
  return text.length > 100 ? `${text.slice(0, 80)}… (${text.length} characters)` : text;
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  try {
    return String(value);
  } catch {
    // An object whose toString is missing or throws.
    return Object.prototype.toString.call(value);
  }
}

/** A model or loss through which the gradient with respect to the input cannot be taken (adversarial attacks and training): which layer, and why. */
export class InputGradientError extends NoisenetError {
  override name = 'InputGradientError';
}

/**
 * What was asked cannot run on a backend whose buffers live on a device (the `webgpu` backend):
 * a part that works on its buffers in JavaScript (named, with why, and which backend to use
 * instead), or a synchronous read (`predict`, `evaluate`) that has an asynchronous form there.
 */
export class DeviceSupportError extends NoisenetError {
  override name = 'DeviceSupportError';
}

/** No WebGPU here: no `navigator.gpu`, no adapter, or an adapter whose limits cannot run the backend; the message says which. */
export class WebGpuUnavailableError extends NoisenetError {
  override name = 'WebGpuUnavailableError';
}

/** The GPU device was lost (destroyed, reset by the driver, or the page lost it) while the webgpu backend used it; its buffers are gone. */
export class DeviceLostError extends NoisenetError {
  override name = 'DeviceLostError';
}

/** A buffer or a dispatch beyond a limit of the GPU adapter: the message names the buffer or layer and the limit. */
export class DeviceLimitError extends NoisenetError {
  override name = 'DeviceLimitError';
}

/** A GPU kernel the device refused (a validation or out-of-memory error reported by WebGPU), or one the backend does not have. */
export class GpuKernelError extends NoisenetError {
  override name = 'GpuKernelError';
}
