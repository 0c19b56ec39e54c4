/** MNIST (LeCun, Cortes, Burges): 60,000 + 10,000 handwritten digits, 28x28, as the four original IDX files. */
import type { IdxDatasetSpec, IdxFileSpec } from './idx-spec.js';

function file(name: string, bytes: number, sha256: string): IdxFileSpec {
  return { name, bytes, checksum: { algorithm: 'sha256', digest: sha256 } };
}

/**
 * Where MNIST comes from and how its files are checked. Mirrors: the one TensorFlow tutorials use,
 * then torchvision's. The environment variable `NOISENET_MNIST_MIRROR` (a base URL) is tried first.
 */
export const MNIST: IdxDatasetSpec = {
  name: 'mnist',
  title: 'MNIST',
  classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  files: {
    trainImages: file('train-images-idx3-ubyte.gz', 9_912_422, '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609'),
    trainLabels: file('train-labels-idx1-ubyte.gz', 28_881, '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c'),
    testImages: file('t10k-images-idx3-ubyte.gz', 1_648_877, '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6'),
    testLabels: file('t10k-labels-idx1-ubyte.gz', 4_542, 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6'),
  },
  mirrors: ['https://storage.googleapis.com/cvdf-datasets/mnist/', 'https://ossci-datasets.s3.amazonaws.com/mnist/'],
  mirrorEnv: 'NOISENET_MNIST_MIRROR',
};
