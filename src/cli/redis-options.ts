/**
 * The queue's Redis on the command line (`noisenet sweep --queue` and `noisenet worker`): the
 * URL, its password from a file or the environment (so that it shows neither in `ps` nor in the
 * output), and the certificates of a `rediss://` (TLS) connection.
 */
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from '../errors.js';
import { maskRedisUrl, parseRedisUrl, type RedisTarget } from '../sweep/node/redis-url.js';
import { UsageError } from './usage-error.js';

/** The environment variable that holds the Redis password when neither the URL nor a file gives one. */
export const REDIS_PASSWORD_ENV = 'NOISENET_REDIS_PASSWORD';

/** The flags of the queue's connection, shared by `sweep` and `worker`. */
export const REDIS_OPTIONS = {
  'redis-password-file': { type: 'string', arg: 'FILE', help: `read the Redis password from FILE (its first line), instead of the URL or ${REDIS_PASSWORD_ENV}` },
  'redis-ca': { type: 'string', arg: 'FILE', help: "with rediss://: the CA certificate(s) (PEM) that the server's certificate must chain to (default: the system's CAs)" },
  'redis-cert': { type: 'string', arg: 'FILE', help: "with rediss://: this client's certificate (PEM), for a server that asks for one; needs --redis-key" },
  'redis-key': { type: 'string', arg: 'FILE', help: "with rediss://: the private key (PEM) of --redis-cert" },
} as const;

/** The values of {@link REDIS_OPTIONS}. */
export interface RedisFlagValues {
  'redis-password-file'?: string | undefined;
  'redis-ca'?: string | undefined;
  'redis-cert'?: string | undefined;
  'redis-key'?: string | undefined;
}

/** How the password was given, for the hint printed to start the workers. */
export type PasswordSource = 'url' | 'file' | 'env' | null;

/** A parsed queue and where its password came from. */
export interface QueueConnection {
  target: RedisTarget;
  passwordSource: PasswordSource;
  /** The URL as given, without its password: safe to print and to paste. */
  shownUrl: string;
}

async function readFlagFile(where: string, flag: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${where}: ${flag}: cannot read ${JSON.stringify(file)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/**
 * Parses `url` and adds the password (URL, else `--redis-password-file`, else
 * {@link REDIS_PASSWORD_ENV}) and the TLS certificates.
 * @throws UsageError for a malformed URL (its password masked), a password given twice, an unreadable file, or certificates without rediss://.
 */
export async function queueConnection(where: string, url: string, values: RedisFlagValues, env: Readonly<Record<string, string | undefined>>): Promise<QueueConnection> {
  let target: RedisTarget;
  try {
    target = parseRedisUrl(url);
  } catch (err) {
    if (err instanceof InvalidArgumentError) throw new UsageError(`${where}: ${err.message}`);
    throw err;
  }
  let passwordSource: PasswordSource = target.password === undefined ? null : 'url';
  const file = values['redis-password-file'];
  if (file !== undefined) {
    if (passwordSource === 'url') throw new UsageError(`${where}: give the Redis password once: --redis-password-file or the URL, not both`);
    const password = (await readFlagFile(where, '--redis-password-file', file)).split(/\r?\n/)[0]!;
    if (password === '') throw new UsageError(`${where}: --redis-password-file: ${JSON.stringify(file)} is empty; expected the password on its first line`);
    target.password = password;
    passwordSource = 'file';
  } else if (passwordSource === null && env[REDIS_PASSWORD_ENV]) {
    target.password = env[REDIS_PASSWORD_ENV];
    passwordSource = 'env';
  }
  const ca = values['redis-ca'];
  const cert = values['redis-cert'];
  const key = values['redis-key'];
  if ((ca ?? cert ?? key) !== undefined) {
    const flag = ca !== undefined ? '--redis-ca' : cert !== undefined ? '--redis-cert' : '--redis-key';
    if (!target.tls) throw new UsageError(`${where}: ${flag} applies to a TLS connection: give the queue as rediss://HOST:PORT`);
    if ((cert === undefined) !== (key === undefined)) throw new UsageError(`${where}: --redis-cert and --redis-key go together: give both`);
    target.tlsFiles = {
      ...(ca === undefined ? {} : { ca: await readFlagFile(where, '--redis-ca', ca) }),
      ...(cert === undefined ? {} : { cert: await readFlagFile(where, '--redis-cert', cert) }),
      ...(key === undefined ? {} : { key: await readFlagFile(where, '--redis-key', key) }),
    };
  }
  return { target, passwordSource, shownUrl: maskRedisUrl(url, '') };
}

/** `noisenet worker --queue URL`, with the flags that give the password and certificates (never the password itself). */
export function workerCommand(connection: QueueConnection, values: RedisFlagValues): string {
  const parts = ['noisenet worker --queue', connection.shownUrl];
  for (const flag of ['redis-ca', 'redis-cert', 'redis-key'] as const) if (values[flag] !== undefined) parts.push(`--${flag}`, values[flag]!);
  const command = parts.join(' ');
  return connection.passwordSource === null ? command : `${command}, the password in ${REDIS_PASSWORD_ENV} or --redis-password-file FILE`;
}
