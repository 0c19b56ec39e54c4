"""Where PyTorch's ResNet-20 training time goes, for comparison with convnet-profile.mjs:
`python3 pytorch-resnet-profile.py <threads> [steps]` trains resnet20.py's model (batch 128,
Adam 0.001) for 2 warm-up steps, then `steps` (default 5) steps under torch.autograd's profiler,
and prints the self CPU milliseconds per step of the operators, in the kernel groups of the
noisenet profile (convolution forward; convolution backward, input and filter gradient together
as PyTorch computes them; batch norm; elementwise; optimizer; the rest), then one JSON line.
"""
import json
import re
import sys
import time

import torch
from torch import nn

import fashion_mnist
from resnet20 import resnet20

threads = int(sys.argv[1])
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
torch.set_num_threads(threads)
torch.manual_seed(1)
x, y, _, _ = fashion_mnist.load()
model = resnet20()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
loss_fn = nn.CrossEntropyLoss()
order = torch.randperm(len(y))
model.train()


def step(i):
    batch = order[i * 128:(i + 1) * 128]
    optimizer.zero_grad()
    loss_fn(model(x[batch]), y[batch]).backward()
    optimizer.step()


for i in range(2):
    step(i)
GROUPS = [
    ('conv forward', r'convolution$|mkldnn_convolution$|_convolution$|conv2d$|thnn_conv2d|_slow_conv2d_forward'),
    ('conv backward (input and filter gradient)', r'convolution_backward|_slow_conv2d_backward|mkldnn_convolution_backward'),
    ('batch norm', r'batch_norm'),
    ('elementwise (add, relu, threshold_backward)', r'^aten::(add|add_|relu|relu_|threshold_backward|clamp_min)$'),
    ('optimizer', r'^Optimizer|^aten::(_foreach|addcmul_|addcdiv_|mul_|lerp_|sqrt|div|div_|add_|zero_)'),
]
t0 = time.perf_counter()
with torch.autograd.profiler.profile() as prof:
    for i in range(2, 2 + steps):
        step(i)
wall = (time.perf_counter() - t0) / steps * 1000
groups = {name: 0.0 for name, _ in GROUPS}
groups['other'] = 0.0
rows = []
for e in prof.key_averages():
    ms = e.self_cpu_time_total / 1000 / steps
    rows.append((e.key, e.count // steps, ms))
    name = next((g for g, pattern in GROUPS if re.search(pattern, e.key)), 'other')
    groups[name] += ms
for key, calls, ms in sorted(rows, key=lambda r: -r[2])[:20]:
    print(f'{key:52} {calls:6} calls/step {ms:8.1f} ms/step')
for name, ms in groups.items():
    print(f'group {name:46} {ms:8.1f} ms/step {100 * ms / wall:5.1f} %')
print(f'profiled operators {sum(groups.values()):.0f} ms of {wall:.0f} ms wall per step ({threads} threads, torch {torch.__version__})')
print(json.dumps({'threads': threads, 'steps': steps, 'wall_ms_per_step': round(wall), 'groups_ms_per_step': {k: round(v, 1) for k, v in groups.items()}}))
