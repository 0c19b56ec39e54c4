/**
 * A child process for the crash tests: writes two runs into the folder `argv[2]` in turn,
 * forever (run A: a small model initialised from seed 1 with history loss [1]; run B: seed 2,
 * loss [2]), printing `saving` once it starts. The parent kills it with SIGKILL at random
 * instants and checks what the folder holds.
 */
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { writeRunFolder } from '../io/node/run-folder.js';

/** Run A (0) or B (1): its model and history. */
export function runOf(which: 0 | 1): { model: ReturnType<typeof sequential>; history: { history: { loss: number[] } } } {
  const model = sequential([input({ shape: [8] }), dense({ units: 16, activation: 'relu' }), dense({ units: 3, activation: 'softmax' })], { backend: createRefBackend() });
  model.initializeWeights(which + 1);
  return { model, history: { history: { loss: [which + 1] } } };
}

if (process.argv[2] && process.argv[1]?.endsWith('save-loop-child.js')) {
  const dir = process.argv[2];
  const runs = [runOf(0), runOf(1)];
  process.stdout.write('saving\n');
  for (let i = 1; ; i++) {
    const run = runs[i % 2]!;
    await writeRunFolder(dir, run.history, run.model);
  }
}
