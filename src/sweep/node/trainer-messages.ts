/** The messages between a trainer child process and its pool. */
import type { SweepRunSettings } from '../plan.js';
import type { RunProgress } from '../train-run.js';
import type { SweepRunRecord } from '../sweep-results.js';

/** Parent to child: train this run. */
export interface RunMessage {
  type: 'run';
  id: string;
  configuration: string;
  settings: SweepRunSettings;
}

/** Child to parent. */
export type ChildMessage =
  | { type: 'ready' }
  | { type: 'progress'; id: string; progress: RunProgress }
  | { type: 'done'; id: string; record: SweepRunRecord }
  | { type: 'error'; id: string; name: string; message: string; configError: boolean };
