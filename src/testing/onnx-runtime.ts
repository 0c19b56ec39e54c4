/**
 * Test helpers for ONNX files: run one in onnxruntime-web (a devDependency, pure WebAssembly,
 * on one thread) and check one with `onnx.checker.check_model` of the Python `onnx` package
 * (Debian's python3-onnx), when a python3 on this machine has it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as OrtModule from 'onnxruntime-web';

type Ort = typeof OrtModule;

let ort: Ort | null = null;

/** onnxruntime-web, set to run on the calling thread. */
export async function onnxRuntime(): Promise<Ort> {
  if (!ort) {
    ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
  }
  return ort;
}

/** Runs `model` on `x` (rows of `shape`) and returns the first output's values and dims. */
export async function runOnnx(model: Uint8Array, x: Float32Array, shape: readonly number[], inputName = 'input'): Promise<{ data: Float32Array; dims: readonly number[]; outputNames: readonly string[] }> {
  const rt = await onnxRuntime();
  const session = await rt.InferenceSession.create(model);
  try {
    const result = await session.run({ [inputName]: new rt.Tensor('float32', x, [...shape]) });
    const out = result[session.outputNames[0]!]!;
    return { data: out.data as Float32Array, dims: out.dims, outputNames: session.outputNames };
  } finally {
    await session.release();
  }
}

/** Pythons tried in order for the `onnx` package: the one on PATH, then Debian's. */
const PYTHONS = ['python3', '/usr/bin/python3'];

let python: string | null | undefined;

/** The first python3 that imports `onnx`, or null (then `onnxCheckerSkip` says why). */
export function pythonWithOnnx(): string | null {
  if (python === undefined) {
    python = PYTHONS.find((p) => spawnSync(p, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0) ?? null;
  }
  return python;
}

/** The reason to skip checker tests, or false when the checker is available. */
export function onnxCheckerSkip(): string | false {
  return pythonWithOnnx() ? false : `no python3 here imports onnx (${PYTHONS.join(', ')}); install Debian's python3-onnx`;
}

/**
 * `onnx.checker.check_model(model, full_check=True)` (full_check runs shape inference too): null
 * when the model passes, else the checker's message. Also returns the opset and IR version it read.
 */
export function checkOnnx(model: Uint8Array): { error: string | null; info: string } {
  const py = pythonWithOnnx();
  if (!py) throw new Error('checkOnnx: no python3 with onnx');
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-onnx-check-'));
  try {
    const file = join(dir, 'model.onnx');
    writeFileSync(file, model);
    const script = [
      'import sys, onnx',
      'm = onnx.load(sys.argv[1])',
      'onnx.checker.check_model(m, full_check=True)',
      'print("ir", m.ir_version, "opset", m.opset_import[0].version, "producer", m.producer_name, m.producer_version)',
    ].join('\n');
    const r = spawnSync(py, ['-c', script, file], { encoding: 'utf8' });
    return { error: r.status === 0 ? null : (r.stderr.trim().split('\n').at(-1) ?? `exit ${r.status}`), info: r.stdout.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
