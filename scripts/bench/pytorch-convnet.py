"""One PyTorch measurement of the convnet for `npm run bench`:
`python3 pytorch-convnet.py <threads> [runs]`. The same model and protocol as
convnet-run.mjs: Keras' simple MNIST convnet (conv 32 3x3 relu, max-pool 2, conv 64 3x3 relu,
max-pool 2, flatten, dropout 0.5, linear 10 with softmax cross-entropy), Adam 0.001, batch 128,
one epoch over the 60,000 Fashion-MNIST training images (shuffled) with validation on the
10,000 test images at batch 128, `runs` times with fresh weights, on torch.set_num_threads
threads. The images are converted to float tensors before timing. Prints one JSON line.
"""
import json
import os
import sys
import time

import torch
from torch import nn

import fashion_mnist

threads = int(sys.argv[1])
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
torch.set_num_threads(threads)

x, y, tx, ty = fashion_mnist.load()


def convnet():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10),
    )


epochs, cpus, train_s, accuracy = [], [], [], 0.0
for r in range(runs):
    torch.manual_seed(1 + r)
    model = convnet()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    c0, t0 = time.process_time(), time.perf_counter()
    model.train()
    order = torch.randperm(len(y))
    for i in range(0, len(y), 128):
        batch = order[i:i + 128]
        optimizer.zero_grad()
        loss_fn(model(x[batch]), y[batch]).backward()
        optimizer.step()
    t1 = time.perf_counter()
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(ty), 128):
            correct += (model(tx[i:i + 128]).argmax(1) == ty[i:i + 128]).sum().item()
    epochs.append(time.perf_counter() - t0)
    train_s.append(t1 - t0)
    cpus.append(time.process_time() - c0)
    accuracy = correct / len(ty)
print(json.dumps({'threads': threads, 'epochs_s': epochs, 'train_s': train_s, 'cpu_s': cpus, 'val_accuracy': accuracy,
                  'torch': torch.__version__, 'load': os.getloadavg()[0]}))
