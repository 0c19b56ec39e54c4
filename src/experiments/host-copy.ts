/**
 * A model trained on a device backend (webgpu), copied onto a host backend for the measurements
 * that read predictions synchronously (robustness, calibration, the card): the same layers,
 * compile settings and weights, on the wasm backend with one thread (the reference backend where
 * wasm cannot run). Its predictions equal the device model's up to float rounding.
 */
import type { Sequential } from '../models/sequential.js';
import type { Backend } from '../kernels/backend.js';
import { createBackend } from '../kernels/registry.js';
import { modelArtifacts, modelFromArtifacts } from '../io/model-artifacts.js';
import { WEIGHTS_FILE } from '../io/model-json.js';

/**
 * `model` itself when its backend is a host one; else a copy on a host backend, which `dispose`
 * gives back (with its backend). The device model's weights must be current on the host, as
 * they are after `fit`.
 */
export async function hostCopy(model: Sequential): Promise<{ model: Sequential; dispose(): void }> {
  if (!model.backend.device) return { model, dispose: () => undefined };
  let backend: Backend;
  try {
    backend = createBackend('wasm', { threads: 1 });
  } catch {
    backend = createBackend('ref');
  }
  const { json, weights } = modelArtifacts(model);
  const files = { locate: (path: string) => path, read: (path: string) => Promise.resolve(path === WEIGHTS_FILE ? weights : new Uint8Array(0)) };
  const copy = await modelFromArtifacts(json, files, `model '${model.name}' copied from the ${model.backend.name} backend`, { backend, warn: () => undefined });
  return {
    model: copy,
    dispose() {
      copy.dispose();
      backend.dispose();
    },
  };
}
