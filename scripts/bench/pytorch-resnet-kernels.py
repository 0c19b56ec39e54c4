"""PyTorch's side of resnet-kernels.mjs: `python3 pytorch-resnet-kernels.py <threads> <repeats> <json>`
times, on torch.set_num_threads threads, the forward convolution and convolution_backward (input
and filter gradients in one call, as autograd runs it) of each convolution geometry in the JSON
([height, in, out, kernel, stride, calls per step] at its batch), and batch norm's training
forward and backward on each activation size; process CPU milliseconds per call, the least of
`repeats` timings of 3 calls after a warm-up. Prints one JSON line.
"""
import json
import sys
import time

import torch

threads, repeats = int(sys.argv[1]), int(sys.argv[2])
spec = json.loads(sys.argv[3])
torch.set_num_threads(threads)
batch = spec['batch']


def timed(fn, calls=3):
    fn()
    ts = []
    for _ in range(repeats):
        t0 = time.process_time()
        for _ in range(calls):
            fn()
        ts.append((time.process_time() - t0) * 1000 / calls)
    return min(ts)


convs = []
with torch.no_grad():
    for h, cin, cout, k, s, _ in spec['convs']:
        x = torch.randn(batch, cin, h, h)
        w = torch.randn(cout, cin, k, k)
        y = torch.nn.functional.conv2d(x, w, stride=s, padding=k // 2)
        dy = torch.randn_like(y)
        forward = timed(lambda: torch.nn.functional.conv2d(x, w, stride=s, padding=k // 2))
        backward = timed(lambda: torch.ops.aten.convolution_backward(dy, x, w, None, [s, s], [k // 2, k // 2], [1, 1], False, [0, 0], 1, [True, True, False]))
        convs.append({'forward': forward, 'backward': backward})
norms = []
for h, c, _ in spec['norms']:
    x = torch.randn(batch, c, h, h, requires_grad=True)
    bn = torch.nn.BatchNorm2d(c, eps=1e-3)
    y = bn(x)
    dy = torch.randn_like(y)
    forward = timed(lambda: bn(x))
    backward = timed(lambda: torch.autograd.grad(bn(x), [x, bn.weight, bn.bias], dy)) - forward
    norms.append({'forward': forward, 'backward': backward})
print(json.dumps({'threads': threads, 'torch': torch.__version__, 'convs': convs, 'norms': norms}))
