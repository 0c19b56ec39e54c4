/** The `--queue` URL: `redis://[USER:PASSWORD@]HOST:PORT[/DB]` (or `rediss://` for TLS), checked before anything connects. */
import { InvalidArgumentError } from '../../errors.js';

/** Where the queue is. */
export interface RedisTarget {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
  /** The URL without the password, for messages and results. */
  display: string;
}

/**
 * Parses a Redis URL.
 * @throws InvalidArgumentError `--queue must be redis://HOST:PORT[/DB], received "..."` with the reason.
 */
export function parseRedisUrl(text: string): RedisTarget {
  const fail = (why: string): never => {
    const e = new InvalidArgumentError(`--queue must be redis://HOST:PORT[/DB] (${why}), received ${JSON.stringify(text)}`);
    e.argument = '--queue';
    throw e;
  };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) fail('no redis:// scheme');
  if (scheme !== 'redis' && scheme !== 'rediss') fail(`the scheme must be redis:// or rediss://, not ${scheme}://`);
  const shape = /^[a-z]+:\/\/([^@/]*@)?(\[[^\]]+\]|[^:/@]*)(:\d+)?(\/\d*)?$/i.exec(text);
  if (!shape) fail('give HOST:PORT, and only a database number after the /');
  if (shape![2] === '') fail('no host');
  if (shape![3] === undefined) fail('no port');
  const port = Number(shape![3]!.slice(1));
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail('the port must be 1 to 65535');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('not a URL');
  }
  const path = url.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : Number(path);
  if (!Number.isSafeInteger(db) || db < 0) fail('the database must be a number >= 0');
  const target: RedisTarget = { host: url.hostname.replace(/^\[|\]$/g, ''), port, db, tls: url.protocol === 'rediss:', display: `${url.protocol}//${url.username ? `${decodeURIComponent(url.username)}@` : ''}${url.host}/${db}` };
  if (url.username) target.username = decodeURIComponent(url.username);
  if (url.password) target.password = decodeURIComponent(url.password);
  return target;
}
