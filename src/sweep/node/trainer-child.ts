/**
 * A trainer child process: trains the runs its parent sends, one at a time, and answers with
 * progress, the record or the error. Started by {@link TrainerPool} with `--threads` in
 * `NOISENET_TRAINER_THREADS`; it exits when the parent goes away.
 */
import '../../node.js';
import { configureBackend } from '../../kernels/registry.js';
import { trainSweepRun } from '../train-run.js';
import { describeFailure } from './run-failure.js';
import { runData } from './run-data.js';
import type { ChildMessage, RunMessage } from './trainer-messages.js';

const threads = Number(process.env.NOISENET_TRAINER_THREADS);
if (Number.isInteger(threads) && threads >= 1) configureBackend({ threads });

const send = (m: ChildMessage): void => void process.send?.(m);
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
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
