"""One PyTorch measurement of ResNet-20 for `npm run bench`:
`python3 pytorch-resnet.py <threads> <steps> <warmup>`. The same model and protocol as
resnet-run.mjs: the `resnet` preset of noisenet (ResNet-20 of He et al. 2016, section 4.2, as
built in resnet20.py) with softmax cross-entropy, Adam 0.001
(epsilon 1e-7, Keras'), batch 128, on torch.set_num_threads threads. Stride-2 convolutions pad
one pixel on each side where Keras' 'same' pads one on the bottom and right only: the same
output size and the same arithmetic.

`warmup` training steps on the first shuffled batches, then `steps` timed training steps on the
next ones. Prints one JSON line: the trainable parameter count, seconds per step, the process's
CPU seconds per step, the last batch's loss.
"""
import json
import os
import sys
import time

import torch
from torch import nn

import fashion_mnist
from resnet20 import resnet20

threads, steps, warmup = (int(a) for a in sys.argv[1:4])
BATCH = 128
torch.set_num_threads(threads)
torch.manual_seed(1)

x, y, _, _ = fashion_mnist.load()
model = resnet20()
params = sum(p.numel() for p in model.parameters() if p.requires_grad)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
loss_fn = nn.CrossEntropyLoss()
order = torch.randperm(len(y))
model.train()


def step(i):
    batch = order[i * BATCH:(i + 1) * BATCH]
    optimizer.zero_grad()
    loss = loss_fn(model(x[batch]), y[batch])
    loss.backward()
    optimizer.step()
    return loss.item()


for i in range(warmup):
    step(i)
c0, t0 = time.process_time(), time.perf_counter()
for i in range(warmup, warmup + steps):
    loss = step(i)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({'threads': threads, 'params': params, 'steps': steps, 'warmup': warmup, 'batch': BATCH,
                  'step_s': wall / steps, 'cpu_step_s': cpu / steps, 'loss': loss,
                  'torch': torch.__version__, 'load': os.getloadavg()[0]}))
