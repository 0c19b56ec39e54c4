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
- noise, positions or patterns drawn (shot_noise, impulse_noise, glass_blur, fog, spatter,
  dotted_line, zigzag): per-image statistics (the mean value, the mean absolute change, the
  share of changed pixels), paired image by image; a difference passes when its mean is within
  4 standard errors of 0.

Motion blur (ImageMagick's, in the published code) is not reproduced.

It also checks noisenet's benchmark severities and level lists against the published ones.
Prints one line per check and exits 1 when one fails.
"""
import json
import os
import re
import sys

import numpy as np

try:
    from skimage import color, feature, filters, transform, util
except ImportError:  # the definitions that need scikit-image are reported as skipped
    color = feature = filters = transform = util = None

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
PUBLISHED_LEVELS_TUPLES = {
    'glass_blur': [(0.7, 1, 2), (0.9, 2, 1), (1, 2, 3), (1.1, 3, 2), (1.5, 4, 2)],
    'fog': [(1.5, 2), (2.0, 2), (2.5, 1.7), (2.5, 1.5), (3.0, 1.4)],
    'spatter': [(0.65, 0.3, 4, 0.69, 0.6), (0.65, 0.3, 3, 0.68, 0.6), (0.65, 0.3, 2, 0.68, 0.5), (0.65, 0.3, 1, 0.65, 1.5), (0.67, 0.4, 1, 0.65, 1.5)],
}
NEEDS_SKIMAGE = {'impulse_noise', 'glass_blur', 'shear', 'scale', 'rotate', 'brightness', 'translate', 'spatter', 'canny_edges'}
# Compared by statistics: the corruptions that draw noise, positions or patterns.
BY_STATISTICS = {'shot_noise', 'impulse_noise', 'glass_blur', 'fog', 'spatter', 'dotted_line', 'zigzag'}

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


def blur_grey(x, sigma):
    """The published code's blur of a grey image: a 2-D array read with its last axis as channels,
    so the Gaussian runs down the columns only."""
    return filters.gaussian(x, sigma=sigma, channel_axis=-1)


def glass_blur(x, level, rng):
    sigma, d, passes = level
    y = (blur_grey(x, sigma) * 255).astype(np.uint8)  # truncated to bytes, as np.uint8 does
    h, w = x.shape
    for _ in range(passes):
        for r in range(h - d, d, -1):
            for c in range(w - d, d, -1):
                if rng.random() < 0.5:
                    dx, dy = rng.integers(-d, d, size=2)
                    y[r, c], y[r + dy, c + dx] = y[r + dy, c + dx], y[r, c]
    return np.clip(blur_grey(y / 255, sigma), 0, 1)


def plasma(size, decay, rng):
    """A diamond-square height map of side `size` (a power of two) in [0, 1]; the random
    displacement of each step is wibble * U(-wibble, wibble), wibble starting at 100 and divided by
    `decay` at every halving of the step."""
    a = np.zeros((size, size))
    step, wibble = size, 100.0
    jitter = lambda total: total / 4 + wibble * rng.uniform(-wibble, wibble, total.shape)
    while step >= 2:
        half = step // 2
        corners = a[0::step, 0::step]
        square = corners + np.roll(corners, -1, axis=0)
        square = square + np.roll(square, -1, axis=1)
        a[half::step, half::step] = jitter(square)
        centres, corners = a[half::step, half::step], a[0::step, 0::step]
        a[0::step, half::step] = jitter(centres + np.roll(centres, 1, axis=0) + corners + np.roll(corners, -1, axis=1))
        a[half::step, 0::step] = jitter(centres + np.roll(centres, 1, axis=1) + corners + np.roll(corners, -1, axis=0))
        step, wibble = half, wibble / decay
    a -= a.min()
    return a / a.max()


def fog(x, level, rng):
    c, decay = level
    top = x.max()
    return np.clip((x + c * plasma(256, decay, rng)[:x.shape[0], :x.shape[1]]) * top / (top + c), 0, 1)


def spatter(x, level, rng):
    mean, sd, sigma, threshold, mask_sigma = level
    liquid = filters.gaussian(rng.normal(mean, sd, x.shape), sigma=sigma)
    liquid[liquid < threshold] = 0
    mud = filters.gaussian((liquid > threshold).astype(np.float64), sigma=mask_sigma)
    mud[mud < 0.8] = 0
    return np.clip(x * (1 - mud) + 63 / 255 * mud, 0, 1)


def line_mask(c0, r0, c1, r1, size=28):
    """The published line: brightness log(1 - dist / 2.3) + 1 at a row distance dist below 2.3 from
    the line through (c0, r0) and (c1, r1), between columns floor(c0) and ceil(c1)."""
    if c1 == c0:
        return np.zeros((size, size))
    cols, rows = np.meshgrid(np.arange(size, dtype=np.float64), np.arange(size, dtype=np.float64))
    dist = np.clip(np.abs(rows - (r0 + (r1 - r0) / (c1 - c0) * (cols - c0))), 0, 2.3 - 1e-10)
    mask = np.clip(np.log(1 - dist / 2.3) + 1, 0, 1)
    mask[:, :int(np.floor(c0))] = 0
    mask[:, int(np.ceil(c1)):] = 0
    return mask


def dotted_line(x, rng):
    r0, r1 = rng.integers(0, 27, size=2)
    mask = line_mask(0, r0, 27, r1)
    for start in range(0, 28, 4):  # dashes: columns 0-1 off, 2-3 on, 4-5 off, ...
        mask[:, start:start + 2] = 0
    return np.clip(x + mask, 0, 1)


def zigzag(x, rng):
    tooth_length = tooth_height = 2.0
    c0, c1 = 2, 25
    r0 = int(rng.integers(0, 27))
    r1 = r0 + int(rng.integers(-5, 5))
    theta = np.arctan((r1 - r0) / (c1 - c0))
    length = (c1 - c0) / np.cos(theta)
    points = [(0.0, 0.0)]
    for i in range(int((length - tooth_length) // (2 * tooth_length)) + 1):
        points.append(((2 * i + 1) * tooth_length, (-1) ** i * tooth_height))
    last_row = points[-1][1]
    full = 2 * tooth_length * (length // (2 * tooth_length))
    if length != full:  # the end point, placed as the published code places it
        points.append((length, last_row / (2 * (length - full))))
    turn = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    cs, rs = turn @ np.array(points).T
    cs, rs = cs + c0, rs + r0
    y = x.copy()
    for i in range(1, len(cs)):
        y = np.clip(y + line_mask(cs[i - 1], rs[i - 1], cs[i], rs[i]), 0, 1)
    return y


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
        if name in PUBLISHED_LEVELS_TUPLES:
            ours = [tuple(float(v) for v in re.findall(r'[0-9.]+', text)) for text in entry['levels'] or []]
            published = [tuple(float(v) for v in level) for level in PUBLISHED_LEVELS_TUPLES[name]]
            # spatter's description names the field's stddev as a square (0.3^2): drop the exponent
            ours = [tuple(v for k, v in enumerate(t) if not (name == 'spatter' and k == 2)) for t in ours]
            ok = len(ours) == 5 and all(len(a) == len(b) and np.allclose(a, b) for a, b in zip(ours, published))
            tuples = lambda levels: ' '.join('(' + ', '.join(f'{v:g}' for v in t) + ')' for t in levels)
            report(name, '1-5', 'levels', tuples(ours), tuples(published), ok)
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
            levels = PUBLISHED_LEVELS.get(name) or PUBLISHED_LEVELS_TUPLES.get(name)
            c = levels[int(severity) - 1] if levels else None
            if name in BY_STATISTICS:
                define = {'shot_noise': shot_noise, 'impulse_noise': impulse_noise, 'glass_blur': glass_blur, 'fog': fog, 'spatter': spatter,
                          'dotted_line': lambda x, _c, rng: dotted_line(x, rng), 'zigzag': lambda x, _c, rng: zigzag(x, rng)}[name]
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
