#!/usr/bin/env python3
"""Reproduces MNIST-C corruptions (Mu & Gilmer 2019) from their published definitions and
parameters, and compares them with the images noisenet corrupted.

Run by scripts/mnist-c-check.mjs, which writes a folder holding manifest.json, the clean images
(clean.u8: samples x height x width bytes) and noisenet's corrupted copies (<name>-<severity>.u8).
The definitions below follow the published code's recipe for each corruption, through the
libraries it calls (NumPy, scikit-image): the same operations and parameter lists, written
afresh. Three kinds of comparison:

- nothing drawn (scale, brightness, stripe, canny_edges): pixel by pixel;
- only a direction drawn (shear, rotate, translate): pixel by pixel against the direction that
  matches each image, and the share of images taking each direction (about even);
- noise drawn (shot_noise, impulse_noise): per-image statistics (the mean value, the mean
  absolute change, the share of changed pixels), paired image by image; a difference passes
  when its mean is within 4 standard errors of 0.

It also checks noisenet's benchmark severities and level lists against the published ones.
Prints one line per check and exits 1 when one fails.
"""
import json
import os
import re
import sys

import numpy as np

try:
    from skimage import color, feature, transform, util
except ImportError:  # the definitions that need scikit-image are reported as skipped
    color = feature = transform = util = None

# The published parameter lists (severities 1 to 5) and the severity the benchmark applies.
PUBLISHED_LEVELS = {
    'shot_noise': [60, 25, 12, 5, 3],
    'impulse_noise': [0.03, 0.06, 0.09, 0.17, 0.27],
    'shear': [0.2, 0.4, 0.6, 0.8, 1.0],
    'scale': [1 / 0.9, 1 / 0.8, 1 / 0.7, 1 / 0.6, 1 / 0.5],
    'rotate': [0.2, 0.4, 0.6, 0.8, 1.0],
    'brightness': [0.1, 0.2, 0.3, 0.4, 0.5],
    'translate': [1, 2, 3, 4, 5],
}
BENCHMARK_SEVERITY = {
    'shot_noise': 5, 'impulse_noise': 4, 'glass_blur': 1, 'motion_blur': 1, 'shear': 2, 'scale': 3,
    'rotate': 2, 'brightness': 5, 'translate': 3, 'stripe': None, 'fog': 5, 'spatter': 4,
    'dotted_line': None, 'zigzag': None, 'canny_edges': None,
}
NEEDS_SKIMAGE = {'impulse_noise', 'shear', 'scale', 'rotate', 'brightness', 'translate', 'canny_edges'}

# Tolerances: grey levels for pixel comparisons, the share of pixels canny may mark differently
# (its thresholds cut through equal gradients), standard errors for statistics.
MAX_LEVELS = 1
CANNY_SHARE = 0.001
MAX_Z = 4.0


def to_bytes(x):
    """Values in [0, 1] rounded to bytes as noisenet stores them (half up)."""
    return np.floor(np.clip(x, 0, 1) * 255 + 0.5).astype(np.int16)


def about_centre(matrix, height, width):
    """An inverse map with the 2 x 2 part of `matrix`, shifted so that the centre stays in place."""
    a = np.array(matrix, dtype=np.float64)[:2, :2]
    centre = np.array([(width - 1) / 2, (height - 1) / 2])
    full = np.eye(3)
    full[:2, :2] = a
    full[:2, 2] = centre - a @ centre
    return transform.AffineTransform(matrix=full)


def warp(x, tform):
    return transform.warp(x, inverse_map=tform, order=1, mode='constant', cval=0.0)


# The definitions, one per corruption: (image in [0, 1], level, sign or signs, rng) -> image.
def shot_noise(x, c, rng):
    return np.clip(rng.poisson(x * c) / c, 0, 1)


def impulse_noise(x, c, rng):
    return np.clip(util.random_noise(x, mode='s&p', amount=c, seed=rng), 0, 1)


def shear(x, c, sign):
    t = transform.AffineTransform(shear=sign * c)
    return warp(x, about_centre(t.params, *x.shape))


def rotate(x, c, sign):
    t = transform.AffineTransform(rotation=sign * c)
    return warp(x, about_centre(t.params, *x.shape))


def scale(x, c):
    t = transform.AffineTransform(scale=(c, c))
    return warp(x, about_centre(t.params, *x.shape))


def translate(x, c, signs):
    dx, dy = signs[0] * c * x.shape[1] / 28, signs[1] * c * x.shape[0] / 28
    return warp(x, transform.AffineTransform(translation=(dx, dy)))


def brightness(x, c):
    hsv = color.rgb2hsv(color.gray2rgb(x))
    hsv[:, :, 2] = np.clip(hsv[:, :, 2] + c, 0, 1)
    return np.clip(color.rgb2gray(color.hsv2rgb(hsv)), 0, 1)


def stripe(x):
    y = x.copy()
    band = round(7 * x.shape[1] / 28)
    y[:, :band] = 1 - y[:, :band]
    y[:, -band:] = 1 - y[:, -band:]
    return y


def canny_edges(x):
    return feature.canny(x).astype(np.float64)


def pixel_check(clean, ours, make):
    """Worst grey-level difference, share of pixels off by more than MAX_LEVELS, and the share of
    images taking each candidate: `make(image)` gives the candidate corruptions of one image."""
    worst, off, picks = 0, 0, {}
    for x, y in zip(clean, ours):
        best = None
        for key, candidate in make(x).items():
            d = np.abs(to_bytes(candidate) - y)
            if best is None or d.max() < best[1].max() or (d.max() == best[1].max() and d.sum() < best[1].sum()):
                best = (key, d)
        picks[best[0]] = picks.get(best[0], 0) + 1
        worst = max(worst, int(best[1].max()))
        off += int((best[1] > MAX_LEVELS).sum())
    return worst, off / clean.size, picks


def paired_z(a, b):
    """Mean of the paired differences a - b and its z score (0 when they never differ)."""
    d = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    se = d.std(ddof=1) / np.sqrt(len(d)) if len(d) > 1 else 0.0
    return d.mean(), (0.0 if se == 0 else abs(d.mean()) / se)


def image_stats(clean, corrupted):
    """Per image: mean value, mean absolute change, share of changed pixels (bytes)."""
    c = to_bytes(clean).reshape(len(clean), -1)
    y = corrupted.reshape(len(corrupted), -1)
    change = np.abs(y - c)
    return {'mean value': y.mean(axis=1) / 255, 'mean |change|': change.mean(axis=1) / 255, 'changed share': (change > 0).mean(axis=1)}


def level_values(docs):
    """The numbers of noisenet's level descriptions (`c = 1/0.9`, `c = 0.2 rad`)."""
    values = []
    for text in docs or []:
        m = re.match(r'c = ([0-9.]+)(?:/([0-9.]+))?', text)
        if not m:
            return None
        values.append(float(m.group(1)) / float(m.group(2)) if m.group(2) else float(m.group(1)))
    return values


def main(folder):
    manifest = json.load(open(os.path.join(folder, 'manifest.json')))
    n, h, w = manifest['samples'], manifest['height'], manifest['width']
    read = lambda name: np.fromfile(os.path.join(folder, name), dtype=np.uint8).reshape(n, h, w)
    clean = read('clean.u8').astype(np.float64) / 255
    rng = np.random.default_rng(manifest['seed'])
    failed = []
    rows = []

    def report(name, severity, check, ours, theirs, ok):
        rows.append((name, str(severity), check, ours, theirs, 'ok' if ok else 'DIFFERS'))
        if not ok:
            failed.append(f'{name} {severity}: {check}')

    for entry in manifest['corruptions']:
        name = entry['name']
        ok = entry['benchmarkSeverity'] == BENCHMARK_SEVERITY[name]
        report(name, '-', 'benchmark severity', str(entry['benchmarkSeverity']), str(BENCHMARK_SEVERITY[name]), ok)
        if name in PUBLISHED_LEVELS:
            ours = level_values(entry['levels'])
            ok = ours is not None and np.allclose(ours, PUBLISHED_LEVELS[name], rtol=1e-9)
            report(name, '1-5', 'levels', ', '.join(f'{v:.4g}' for v in ours or []), ', '.join(f'{v:.4g}' for v in PUBLISHED_LEVELS[name]), ok)

    for entry in manifest['corruptions']:
        name = entry['name']
        if not entry['checked']:
            continue
        if name in NEEDS_SKIMAGE and transform is None:
            rows.append((name, '-', 'skipped: scikit-image is not installed', '', '', 'skipped'))
            continue
        for severity, file in sorted(entry['files'].items(), key=lambda kv: int(kv[0])):
            ours = read(file).astype(np.int16)
            c = PUBLISHED_LEVELS[name][int(severity) - 1] if name in PUBLISHED_LEVELS else None
            if name in ('shot_noise', 'impulse_noise'):
                define = shot_noise if name == 'shot_noise' else impulse_noise
                theirs = to_bytes(np.stack([define(x, c, rng) for x in clean]))
                a, b = image_stats(clean, ours), image_stats(clean, theirs)
                for stat in a:
                    diff, z = paired_z(a[stat], b[stat])
                    report(name, severity, f'{stat} (z {z:.1f})', f'{a[stat].mean():.4f}', f'{b[stat].mean():.4f}', z < MAX_Z)
                continue
            if name in ('shear', 'rotate'):
                define = shear if name == 'shear' else rotate
                make = lambda x: {'+': define(x, c, 1), '-': define(x, c, -1)}
            elif name == 'translate':
                make = lambda x: {f'{sx:+d}{sy:+d}': translate(x, c, (sx, sy)) for sx in (1, -1) for sy in (1, -1)}
            elif name == 'scale':
                make = lambda x: {'': scale(x, c)}
            elif name == 'brightness':
                make = lambda x: {'': brightness(x, c)}
            elif name == 'stripe':
                make = lambda x: {'': stripe(x)}
            else:
                make = lambda x: {'': canny_edges(x)}
            worst, share, picks = pixel_check(clean, ours, make)
            tolerance = CANNY_SHARE if name == 'canny_edges' else 0
            directions = ', '.join(f'{k} {v / n:.2f}' for k, v in sorted(picks.items())) if len(picks) > 1 or '' not in picks else ''
            check = f'pixels off by more than {MAX_LEVELS} level' + (f'; directions {directions}' if directions else '')
            ok = share <= tolerance and (name == 'canny_edges' or worst <= MAX_LEVELS)
            if directions:  # each direction drawn about as often as the others
                expected = n / len(make(clean[0]))
                ok = ok and all(abs(picks.get(k, 0) - expected) <= 4 * np.sqrt(expected) for k in make(clean[0]))
            report(name, severity, check, f'{round(share * clean.size)} of {clean.size} (worst {worst} levels)', f'at most {round(tolerance * clean.size)}', ok)

    header = ('corruption', 'severity', 'check', 'noisenet', 'published (or tolerance)', '')
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(6)]
    line = lambda r: '  '.join(v.ljust(widths[i]) for i, v in enumerate(r)).rstrip()
    print(f'MNIST-C definitions against noisenet: {n} mnist-mini test images, {h} x {w}')
    print(line(header))
    for r in rows:
        print(line(r))
    if failed:
        print(f'{len(failed)} check(s) differ: ' + '; '.join(failed))
        sys.exit(1)
    print('every check agrees')


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: mnist_c_reference.py FOLDER (written by scripts/mnist-c-check.mjs)')
    main(sys.argv[1])
