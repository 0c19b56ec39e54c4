"""ResNet-20 in PyTorch as noisenet's `resnet` preset builds it, for the bench scripts: a 3x3
convolution of 16 filters, three stages of three basic blocks of 16, 32 and 64 filters (the first
block of stages 2 and 3 with stride 2), convolutions without bias followed by batch norm (epsilon
1e-3, momentum 0.1: Keras' 0.9), a strided 1x1 projection with batch norm where a block changes
the shape, global average pooling, linear to the classes (softmax in the loss); He-normal
convolution kernels. 272,186 trainable parameters on grey 28x28 images and 10 classes.
"""
from torch import nn


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
