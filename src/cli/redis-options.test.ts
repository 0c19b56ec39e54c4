import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queueConnection, workerCommand } from './redis-options.js';
import { UsageError } from './usage-error.js';

const W = 'noisenet worker';

test('the Redis password comes from the URL, else --redis-password-file (its first line), else NOISENET_REDIS_PASSWORD, and is never in the URL shown', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-redis-flags-'));
  try {
    const file = join(dir, 'pw');
    await writeFile(file, 'fromfile\r\nignored\n');
    const env = { NOISENET_REDIS_PASSWORD: 'fromenv' };
    const url = await queueConnection(W, 'redis://:inurl@h:1', {}, env);
    assert.deepEqual([url.target.password, url.passwordSource, url.shownUrl], ['inurl', 'url', 'redis://h:1']);
    const fromFile = await queueConnection(W, 'redis://h:1/2', { 'redis-password-file': file }, env);
    assert.deepEqual([fromFile.target.password, fromFile.passwordSource], ['fromfile', 'file']);
    const fromEnv = await queueConnection(W, 'redis://me@h:1', {}, env);
    assert.deepEqual([fromEnv.target.password, fromEnv.target.username, fromEnv.passwordSource, fromEnv.shownUrl], ['fromenv', 'me', 'env', 'redis://me@h:1']);
    const none = await queueConnection(W, 'redis://h:1', {}, {});
    assert.deepEqual([none.target.password, none.passwordSource], [undefined, null]);
    assert.equal(workerCommand(none, {}), 'noisenet worker --queue redis://h:1');
    assert.equal(workerCommand(url, {}), 'noisenet worker --queue redis://h:1, the password in NOISENET_REDIS_PASSWORD or --redis-password-file FILE');

    const empty = join(dir, 'empty');
    await writeFile(empty, '\n');
    const refused: [string, Parameters<typeof queueConnection>[2], string][] = [
      ['redis://:inurl@h:1', { 'redis-password-file': file }, 'give the Redis password once: --redis-password-file or the URL, not both'],
      ['redis://h:1', { 'redis-password-file': empty }, `--redis-password-file: ${JSON.stringify(empty)} is empty; expected the password on its first line`],
      ['redis://h:1', { 'redis-password-file': join(dir, 'missing') }, `--redis-password-file: cannot read ${JSON.stringify(join(dir, 'missing'))} (ENOENT)`],
      ['redis://h:1', { 'redis-ca': file }, '--redis-ca applies to a TLS connection: give the queue as rediss://HOST:PORT'],
      ['rediss://h:1', { 'redis-cert': file }, '--redis-cert and --redis-key go together: give both'],
      ['redis://:secret@h:99999', {}, '--queue must be redis://HOST:PORT[/DB] (the port must be 1 to 65535), received "redis://:***@h:99999"'],
    ];
    for (const [u, values, message] of refused) {
      await assert.rejects(queueConnection(W, u, values, env), (e: unknown) => e instanceof UsageError && e.message === `${W}: ${message}`, message);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('rediss:// with --redis-ca, --redis-cert and --redis-key: the PEM files go to the TLS connection and the worker command names them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-redis-tls-'));
  try {
    const [ca, cert, key] = ['ca.pem', 'cert.pem', 'key.pem'].map((f) => join(dir, f)) as [string, string, string];
    await Promise.all([writeFile(ca, 'CA PEM'), writeFile(cert, 'CERT PEM'), writeFile(key, 'KEY PEM')]);
    const values = { 'redis-ca': ca, 'redis-cert': cert, 'redis-key': key };
    const c = await queueConnection(W, 'rediss://queue.example:6380', values, {});
    assert.deepEqual([c.target.tls, c.target.tlsFiles], [true, { ca: 'CA PEM', cert: 'CERT PEM', key: 'KEY PEM' }]);
    assert.equal(workerCommand(c, values), `noisenet worker --queue rediss://queue.example:6380 --redis-ca ${ca} --redis-cert ${cert} --redis-key ${key}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
