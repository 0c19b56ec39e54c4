/**
 * The messages between the playground page and its training worker. The page never trains: it
 * posts the data and the settings, and draws what the worker reports.
 */
import type { Logs } from '../train/callback.js';
import type { ExperimentResults } from '../experiments/results.js';
import type { RobustnessPoint } from '../experiments/robustness.js';
import type { BrowserPlatformInfo } from '../kernels/wasm/browser/platform.js';
import type { Arm, SessionEnvironment } from './session.js';
import type { PlaygroundSettings } from './settings.js';
import type { SeenInputs } from './input-probe.js';
import type { PlaygroundData } from './playground-data.js';

/** Page to worker. `id` pairs a request with its reply. */
export type ToWorker =
  | { type: 'dataset'; dataset: PlaygroundData }
  | { type: 'start'; settings: PlaygroundSettings; environment: SessionEnvironment }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'predict'; id: number; input: Float32Array }
  | { type: 'export'; id: number }
  | { type: 'load-model'; id: number; arm: Arm; files: File[]; settings: PlaygroundSettings };

/** Worker to page. */
export type FromWorker =
  | { type: 'ready'; platform: BrowserPlatformInfo }
  | { type: 'backend'; name: string; notice: string }
  | { type: 'started'; configurations: string[]; trainCount: number; validationCount: number; steps: number; threads: number; task: 'multiclass' | 'binary' | 'regression' }
  | { type: 'progress'; arm: Arm; epoch: number; done: number; total: number }
  | { type: 'epoch'; arm: Arm; epoch: number; logs: Logs }
  | { type: 'seen'; arm: Arm; seen: SeenInputs }
  | { type: 'paused' }
  | { type: 'stopped' }
  | { type: 'measuring'; arm: Arm; samples: number }
  | { type: 'robustness'; arm: Arm; points: RobustnessPoint[]; source: string }
  | { type: 'predictions'; arm: Arm; truth: number[]; predicted: number[]; source: string }
  | { type: 'done'; results: ExperimentResults }
  | { type: 'prediction'; id: number; probabilities: Partial<Record<Arm, number[]>> }
  | { type: 'files'; id: number; files: File[] }
  | { type: 'model-loaded'; id: number; arm: Arm; name: string }
  | { type: 'error'; id?: number; during: string; message: string };
