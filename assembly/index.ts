/** The noisenet kernels: every export works on raw memory of the imported shared memory. */
export { matmulRows, matmulCols } from './matmul';
export { biasActivation, activationBackward } from './activation';
export { softmaxCrossEntropy, countCorrect } from './softmax';
export { add, mul, scale, sum, sumRows, gatherRows, bytesToFloats } from './elementwise';
export { adamUpdate, sgdUpdate, rmspropUpdate } from './optimizer';
export { fillUniform, fillNormal, fillBernoulli } from './random';
export { winogradScratchBytes } from './winograd-tiles';
export { winogradForward, winogradBackwardInput, winogradFilterParts } from './winograd';
export { winogradFilterReduce, winogradFilter } from './winograd-filter';
export { im2colScratchBytes, im2colForward, im2colBackwardInput, im2colFilterParts, sumParts, transposeMatrix } from './im2col';
export { maxPoolForward, maxPoolBackward, avgPoolForward, avgPoolBackward } from './pool';
export { batchNormSums, batchNormForward, batchNormBackward } from './batch-norm';
export { relaxedSimd } from './fma';
export { trap, heapBase } from './fault';
export { directScratchBytes, directForward, directFilterParts } from './direct-conv';
