import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultCacheDir } from './cache-dir.js';

const home = join('/', 'home', 'ada');

test('NOISENET_CACHE wins and is used as is', () => {
  assert.equal(defaultCacheDir({ NOISENET_CACHE: '/data/nn', XDG_CACHE_HOME: '/x' }, 'linux', home), '/data/nn');
});

test('linux uses XDG_CACHE_HOME when absolute, else ~/.cache', () => {
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', home), join('/xdg', 'noisenet'));
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux', home), join(home, '.cache', 'noisenet'));
  assert.equal(defaultCacheDir({}, 'linux', home), join(home, '.cache', 'noisenet'));
});

test('macOS uses ~/Library/Caches and Windows LOCALAPPDATA', () => {
  assert.equal(defaultCacheDir({}, 'darwin', home), join(home, 'Library', 'Caches', 'noisenet'));
  assert.equal(defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', home), join('C:\\Users\\ada\\AppData\\Local', 'noisenet'));
  assert.equal(defaultCacheDir({}, 'win32', home), join(home, 'AppData', 'Local', 'noisenet'));
});
