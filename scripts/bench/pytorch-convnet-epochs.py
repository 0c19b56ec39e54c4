"""The convnet's accuracy curve in PyTorch, to set beside `noisenet train --model convnet`:
`python3 pytorch-convnet-epochs.py [threads] [epochs] [input-noise-stddev]`.

Keras' simple MNIST convnet (conv 32 3x3 relu, max-pool 2, conv 64 3x3 relu, max-pool 2,
flatten, dropout 0.5, linear 10 with softmax cross-entropy) initialised as Keras does
(Glorot-uniform kernels, zero biases), Adam 0.001 with Keras' epsilon 1e-7, batch 128, trained
on the 60,000 Fashion-MNIST training images (reshuffled each epoch, optional Gaussian noise on
the pixels) and validated on the 10,000 test images after every epoch. Prints one JSON line per
epoch: training accuracy over the epoch (with dropout on, as Keras reports it) and validation
accuracy.
"""
import json
import sys
import time

import torch
from torch import nn

import fashion_mnist

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
noise = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
torch.set_num_threads(threads)

x, y, tx, ty = fashion_mnist.load()

torch.manual_seed(1)
model = nn.Sequential(
    nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10),
)
for layer in model:
    if isinstance(layer, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_uniform_(layer.weight)
        nn.init.zeros_(layer.bias)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
loss_fn = nn.CrossEntropyLoss()

for epoch in range(epochs):
    t0 = time.perf_counter()
    model.train()
    order = torch.randperm(len(y))
    correct = 0
    for i in range(0, len(y), 128):
        batch = order[i:i + 128]
        xb = x[batch]
        if noise > 0:
            xb = xb + noise * torch.randn_like(xb)
        optimizer.zero_grad()
        out = model(xb)
        loss_fn(out, y[batch]).backward()
        optimizer.step()
        correct += (out.argmax(1) == y[batch]).sum().item()
    model.eval()
    val = 0
    with torch.no_grad():
        for i in range(0, len(ty), 1000):
            val += (model(tx[i:i + 1000]).argmax(1) == ty[i:i + 1000]).sum().item()
    print(json.dumps({'epoch': epoch + 1, 'accuracy': correct / len(y), 'val_accuracy': val / len(ty),
                      'seconds': round(time.perf_counter() - t0, 1)}), flush=True)
