"""One PyTorch measurement of ResNet-20 for `npm run bench`:
`python3 pytorch-resnet.py <threads> <steps> <warmup>`. The same model and protocol as
resnet-run.mjs: the `resnet` preset of noisenet (ResNet-20 of He et al. 2016, section 4.2: a
3x3 convolution of 16 filters, three stages of three basic blocks of 16, 32 and 64 filters,
convolutions without bias followed by batch norm (epsilon 1e-3, momentum 0.1, Keras' 0.9),
a strided 1x1 projection with batch norm where a block changes the shape, global average
pooling, linear 10 with softmax cross-entropy), He-normal convolution kernels, Adam 0.001
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

threads, steps, warmup = (int(a) for a in sys.argv[1:4])
BATCH = 128
torch.set_num_threads(threads)
torch.manual_seed(1)


def conv(cin, cout, k, stride):
    c = nn.Conv2d(cin, cout, k, stride=stride, padding=k // 2, bias=False)
    nn.init.kaiming_normal_(c.weight, nonlinearity='relu')
    return c


def bn(c):
    return nn.BatchNorm2d(c, eps=1e-3, momentum=0.1)


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.branch = nn.Sequential(conv(cin, cout, 3, stride), bn(cout), nn.ReLU(), conv(cout, cout, 3, 1), bn(cout))
        self.shortcut = nn.Sequential(conv(cin, cout, 1, stride), bn(cout)) if stride != 1 or cin != cout else nn.Identity()
        self.out = nn.ReLU()

    def forward(self, x):
        return self.out(self.branch(x) + self.shortcut(x))


def resnet20(channels=1, classes=10):
    layers = [conv(channels, 16, 3, 1), bn(16), nn.ReLU()]
    cin = 16
    for stage, filters in enumerate([16, 32, 64]):
        for block in range(3):
            layers.append(Block(cin, filters, 2 if stage > 0 and block == 0 else 1))
            cin = filters
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, classes)]
    return nn.Sequential(*layers)


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
