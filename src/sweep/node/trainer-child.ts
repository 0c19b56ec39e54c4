/**
 * A trainer child process: trains the runs its parent sends, one at a time, and answers with
 * progress, the record or the error. Started by {@link TrainerPool} with `--threads` in
 * `NOISENET_TRAINER_THREADS`; it exits quietly (code 0, nothing printed) when the parent goes away.
 */
import '../../node.js';
import { configureBackend } from '../../kernels/registry.js';
import { trainSweepRun } from '../train-run.js';
import { describeFailure } from './run-failure.js';
import { runData } from './run-data.js';
import type { ChildMessage, RunMessage } from './trainer-messages.js';

const threads = Number(process.env.NOISENET_TRAINER_THREADS);
if (Number.isInteger(threads) && threads >= 1) configureBackend({ threads });

/** The parent is gone (killed, or its channel broke): nobody is left to train for, so the child ends quietly. */
const orphaned = (): void => process.exit(0);
/** Sends `m` to the parent; a channel that closed ends the child (an unanswered send would throw a stack at the terminal). */
const send = (m: ChildMessage): void => {
  if (!process.connected || !process.send) return orphaned();
  process.send(m, undefined, undefined, (err: Error | null) => void (err && orphaned()));
};
let queue = Promise.resolve();

process.on('message', (m: RunMessage) => {
  if (m?.type !== 'run') return;
  queue = queue.then(async () => {
    try {
      const data = await runData(m.settings);
      const record = await trainSweepRun(m.id, m.configuration, m.settings, data, { onEpoch: (progress) => send({ type: 'progress', id: m.id, progress }) });
      send({ type: 'done', id: m.id, record });
    } catch (err) {
      send({ type: 'error', id: m.id, ...describeFailure(err) });
    }
  });
});
process.on('disconnect', orphaned);
send({ type: 'ready' });
