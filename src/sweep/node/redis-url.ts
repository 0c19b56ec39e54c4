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
  /** With `tls`: the PEM certificates of the connection (default: the system's CAs, no client certificate). */
  tlsFiles?: { ca?: string; cert?: string; key?: string };
  /** The URL without the password, for messages and results. */
  display: string;
}

/**
 * A Redis URL as it may be printed: the password in it (`redis://USER:PASSWORD@HOST...`) replaced
 * by `mask`, or left out with its colon when `mask` is empty. Any text is taken, well formed or not.
 */
export function maskRedisUrl(text: string, mask = '***'): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/]*)@/i.exec(text);
  if (!m) return text;
  const userinfo = m[2]!;
  const colon = userinfo.indexOf(':');
  if (colon < 0) return text;
  const user = userinfo.slice(0, colon);
  const masked = mask === '' ? (user === '' ? '' : `${user}@`) : `${user}:${mask}@`;
  return m[1]! + masked + text.slice(m[0].length);
}

/**
 * Parses a Redis URL (the password, when it holds one, never appears in a message).
 * @throws InvalidArgumentError `--queue must be redis://HOST:PORT[/DB], received "..."` with the reason.
 */
export function parseRedisUrl(text: string): RedisTarget {
  const fail = (why: string): never => {
    const e = new InvalidArgumentError(`--queue must be redis://HOST:PORT[/DB] (${why}), received ${JSON.stringify(maskRedisUrl(text))}`);
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
