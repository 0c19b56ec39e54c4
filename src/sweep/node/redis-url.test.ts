import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from '../../errors.js';
import { maskRedisUrl, parseRedisUrl } from './redis-url.js';

test('queue URLs: redis://HOST:PORT[/DB], with a user and password kept out of the display form', () => {
  assert.deepEqual(parseRedisUrl('redis://127.0.0.1:6379'), { host: '127.0.0.1', port: 6379, db: 0, tls: false, display: 'redis://127.0.0.1:6379/0' });
  assert.deepEqual(parseRedisUrl('redis://queue.example:6380/3'), { host: 'queue.example', port: 6380, db: 3, tls: false, display: 'redis://queue.example:6380/3' });
  const secret = parseRedisUrl('rediss://me:s3cret@10.0.0.5:6379/1');
  assert.deepEqual([secret.username, secret.password, secret.tls, secret.display], ['me', 's3cret', true, 'rediss://me@10.0.0.5:6379/1']);
  assert.equal(parseRedisUrl('redis://[::1]:6379').host, '::1');
});

test('malformed queue URLs are one-line InvalidArgumentErrors saying why', () => {
  const cases: [string, string][] = [
    ['localhost:6379', 'no redis:// scheme'],
    ['http://localhost:6379', 'the scheme must be redis:// or rediss://, not http://'],
    ['redis://localhost', 'no port'],
    ['redis://localhost:6379/x', 'give HOST:PORT, and only a database number after the /'],
    ['redis://localhost:6379/1/2', 'give HOST:PORT, and only a database number after the /'],
    ['redis://localhost:6379?db=1', 'give HOST:PORT, and only a database number after the /'],
    ['redis://localhost:99999', 'the port must be 1 to 65535'],
    ['redis://:6379', 'no host'],
    ['nonsense', 'no redis:// scheme'],
  ];
  for (const [url, why] of cases) {
    assert.throws(() => parseRedisUrl(url), (e: unknown) => e instanceof InvalidArgumentError && e.message === `--queue must be redis://HOST:PORT[/DB] (${why}), received ${JSON.stringify(url)}`, url);
  }
});

test('a password in a queue URL is never printed: masked in messages, left out of the URL to show', () => {
  assert.equal(maskRedisUrl('redis://:s3cr3tPW@127.0.0.1:16479'), 'redis://:***@127.0.0.1:16479');
  assert.equal(maskRedisUrl('redis://:s3cr3tPW@127.0.0.1:16479', ''), 'redis://127.0.0.1:16479');
  assert.equal(maskRedisUrl('rediss://me:p%40ss@queue.example:6380/2', ''), 'rediss://me@queue.example:6380/2');
  assert.equal(maskRedisUrl('redis://me@h:1'), 'redis://me@h:1', 'no password: unchanged');
  assert.equal(maskRedisUrl('redis://127.0.0.1:6379'), 'redis://127.0.0.1:6379');
  for (const bad of ['redis://:s3cr3tPW@127.0.0.1:70000', 'redis://u:s3cr3tPW@host', 'redis://:s3cr3tPW@h@x:1', 'redis://:s3cr3tPW@h:1/x']) {
    assert.throws(() => parseRedisUrl(bad), (e: unknown) => e instanceof InvalidArgumentError && !e.message.includes('s3cr3tPW') && e.message.includes('***'), bad);
  }
});
