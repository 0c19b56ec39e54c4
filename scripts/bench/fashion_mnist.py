"""Fashion-MNIST for the PyTorch bench scripts: the Debian package's IDX files as tensors,
images scaled to [0, 1] in NCHW (N, 1, 28, 28), labels as int64."""
import gzip
import os

import numpy as np
import torch

DIR = '/usr/share/datasets/fashion-mnist'


def _idx(name, offset):
    with gzip.open(os.path.join(DIR, name)) as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def _images(name):
    return torch.from_numpy(_idx(name, 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255)


def _labels(name):
    return torch.from_numpy(_idx(name, 8).astype(np.int64))


def load():
    """(train images, train labels, test images, test labels)."""
    return (_images('train-images-idx3-ubyte.gz'), _labels('train-labels-idx1-ubyte.gz'),
            _images('t10k-images-idx3-ubyte.gz'), _labels('t10k-labels-idx1-ubyte.gz'))
