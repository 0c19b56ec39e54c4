/** Fashion-MNIST (Xiao, Rasul, Vollgraf 2017, MIT licence): 60,000 + 10,000 clothing images, 28x28, IDX files. */
import type { IdxDatasetSpec, IdxFileSpec } from './idx-spec.js';

function file(name: string, md5: string): IdxFileSpec {
  return { name, checksum: { algorithm: 'md5', digest: md5 } };
}

/** Where Debian's `dataset-fashion-mnist` package installs the files (recompressed, so not checksummed). */
export const FASHION_MNIST_SYSTEM_DIR = '/usr/share/datasets/fashion-mnist';

/**
 * Where Fashion-MNIST comes from: Debian's folder when it holds the four files, else the upstream
 * mirrors, checked against the MD5 sums upstream publishes. `NOISENET_FASHION_MNIST_MIRROR` (a
 * base URL) is tried before the upstream mirrors.
 */
export const FASHION_MNIST: IdxDatasetSpec = {
  name: 'fashion-mnist',
  title: 'Fashion-MNIST',
  classes: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  files: {
    trainImages: file('train-images-idx3-ubyte.gz', '8d4fb7e6c68d591d4c3dfef9ec88bf0d'),
    trainLabels: file('train-labels-idx1-ubyte.gz', '25c81989df183df01b3e8a0aad5dffbe'),
    testImages: file('t10k-images-idx3-ubyte.gz', 'bef4ecab320f06d8554ea6380940ec79'),
    testLabels: file('t10k-labels-idx1-ubyte.gz', 'bb300cfdad3c16e7a12a480ee83cd310'),
  },
  mirrors: [
    'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
    'https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/',
  ],
  mirrorEnv: 'NOISENET_FASHION_MNIST_MIRROR',
  systemDirs: [FASHION_MNIST_SYSTEM_DIR],
};
