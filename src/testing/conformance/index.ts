/**
 * The backend conformance suite: every kernel of a backend against the reference backend on
 * odd shapes, random fills by their statistics and seeds, and a short training run. Any
 * backend runs it with `runConformance(name, makeBackend)` from a node:test file.
 */
import { describe, after } from 'node:test';
import type { Backend } from '../../kernels/backend.js';
import { linearTests } from './linear.js';
import { activationTests } from './activations.js';
import { elementwiseTests } from './elementwise.js';
import { randomTests } from './random.js';
import { trainingTests } from './training.js';
import { convolutionTests } from './convolution.js';
import { poolingTests } from './pooling.js';
import { batchNormTests } from './batch-norm.js';
import { windowRandomTests } from './window-random.js';

/** Registers the convolutional kernels' checks alone: they test against definitions, not the reference backend, so the reference backend runs them too. */
export function runWindowConformance(name: string, makeBackend: () => Backend): void {
  describe(`${name}: convolution, pooling and batch norm by definition`, () => {
    let backend: Backend | undefined;
    const get = (): Backend => (backend ??= makeBackend());
    after(() => backend?.dispose());
    convolutionTests(get);
    poolingTests(get);
    batchNormTests(get);
    windowRandomTests(get);
  });
}

/** Registers the conformance tests of the backend `makeBackend` creates (once, disposed at the end). */
export function runConformance(name: string, makeBackend: () => Backend): void {
  describe(`${name}: conformance with the reference backend`, () => {
    let backend: Backend | undefined;
    const get = (): Backend => (backend ??= makeBackend());
    after(() => backend?.dispose());
    linearTests(get);
    activationTests(get);
    elementwiseTests(get);
    randomTests(get);
    trainingTests(get);
    convolutionTests(get);
    poolingTests(get);
    batchNormTests(get);
    windowRandomTests(get);
  });
}
