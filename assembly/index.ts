/** The noisenet kernels: every export works on raw memory of the imported shared memory. */
export { matmulRows, matmulCols } from './matmul';
export { biasActivation, activationBackward } from './activation';
export { softmaxCrossEntropy, countCorrect } from './softmax';
export { add, mul, scale, sum, sumRows, gatherRows, bytesToFloats } from './elementwise';
export { adamUpdate, sgdUpdate, rmspropUpdate } from './optimizer';
export { fillUniform, fillNormal, fillBernoulli } from './random';
export { trap, heapBase } from './fault';
