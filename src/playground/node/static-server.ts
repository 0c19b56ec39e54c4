/**
 * The playground's HTTP server: static files from one folder (plus a few named extra files), GET
 * and HEAD only, on 127.0.0.1 unless told otherwise. It sends the headers that make the page
 * cross-origin isolated (so it gets shared memory and threads) unless `isolation: false`, and a
 * Content-Security-Policy that keeps the page from loading anything from elsewhere. A path that
 * leaves the folder (`..`, an encoded one, a symbolic link pointing out) is refused with 403.
 * A request whose `Host` header is not an address of this server is refused with 421, so that a
 * page of another site whose name is made to resolve to 127.0.0.1 (DNS rebinding) cannot read
 * what it serves. The server keeps nothing per request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

/** Options of {@link startStaticServer}. */
export interface StaticServerOptions {
  /** The folder served at `/`. */
  root: string;
  /** Address to listen on; default `127.0.0.1` (this machine only). */
  host?: string;
  /** Port; default 0 (a free one). */
  port?: number;
  /** Send Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy (threads in the page); default true. */
  isolation?: boolean;
  /** Send the Content-Security-Policy that keeps the page to this server; default true (a benchmark page that starts blob: workers turns it off). */
  csp?: boolean;
  /** Extra files by URL path (e.g. `/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz`): a file path, or the contents. */
  extra?: Readonly<Record<string, string | Uint8Array>>;
  /** Called with each request's method and path (before the query), e.g. for a test's log; the server itself keeps none. */
  onRequest?: (method: string, path: string) => void;
}

/** A running server. */
export interface StaticServer {
  /** `http://host:port/`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.gz': 'application/gzip',
};

/** Nothing from other origins: scripts, styles, data, workers and images from this server only (inline ones allowed, and wasm compilation). */
const CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Starts serving; resolves once listening. */
export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = await realpath(resolve(options.root));
  const isolation = options.isolation ?? true;
  const extra = new Map(Object.entries(options.extra ?? {}));
  let hostAllowed: (header: string | undefined) => boolean = () => false;
  const headers = (type: string): Record<string, string> => ({
    'content-type': type,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    ...(options.csp === false ? {} : { 'content-security-policy': CSP }),
    ...(isolation ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {}),
  });
  const fail = (res: ServerResponse, status: number, text: string, more: Record<string, string> = {}): void => {
    res.writeHead(status, { ...headers('text/plain; charset=utf-8'), ...more }).end(`${text}\n`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const raw = (req.url ?? '/').split('?')[0]!.split('#')[0]!;
    options.onRequest?.(method, raw);
    if (!hostAllowed(req.headers.host)) return fail(res, 421, 'misdirected request: the Host header does not name this server');
    if (method !== 'GET' && method !== 'HEAD') return fail(res, 405, 'method not allowed: this server serves static files (GET, HEAD)', { allow: 'GET, HEAD' });
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      return fail(res, 400, 'bad request: malformed URL encoding');
    }
    if (!path.startsWith('/') || path.includes('\0') || path.includes('\\') || path.split('/').some((s) => s === '..')) return fail(res, 403, 'forbidden: outside the served folder');
    const given = extra.get(path);
    if (given instanceof Uint8Array) {
      res.writeHead(200, { ...headers(TYPES[extname(path)] ?? 'application/octet-stream'), 'content-length': String(given.byteLength) });
      return void res.end(method === 'HEAD' ? undefined : given);
    }
    let file = given ?? join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (given === undefined) {
      let real: string;
      try {
        real = await realpath(file);
      } catch {
        return fail(res, 404, 'not found');
      }
      if (real !== root && !real.startsWith(root + sep)) return fail(res, 403, 'forbidden: outside the served folder');
      file = real;
    }
    let info;
    try {
      info = await stat(file);
    } catch {
      return fail(res, 404, 'not found');
    }
    if (!info.isFile()) return fail(res, 404, 'not found');
    res.writeHead(200, { ...headers(TYPES[extname(file)] ?? 'application/octet-stream'), 'content-length': String(info.size) });
    if (method === 'HEAD') return void res.end();
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) fail(res, 500, 'internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((ok, bad) => {
    server.once('error', bad);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ok());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  hostAllowed = hostCheck(options.host ?? '127.0.0.1', address);
  return {
    url: `http://${host}:${address.port}/`,
    port: address.port,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** `name` as a Host header spells it: lower case, an IPv6 address in brackets. */
const hostName = (name: string): string => (isIP(name) === 6 ? `[${name}]` : name).toLowerCase();

/**
 * Which `Host` headers name this server: `name:port` where the name is the one it was started
 * with, the address it listens on, or a loopback name (127.0.0.1, localhost, [::1]); when it
 * listens on every address (0.0.0.0, ::), any IP address (a rebinding page always uses a name).
 * The port may be left out only when it is 80.
 */
function hostCheck(given: string, address: AddressInfo): (header: string | undefined) => boolean {
  const names = new Set([hostName(given), hostName(address.address), '127.0.0.1', 'localhost', '[::1]']);
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  return (header) => {
    if (header === undefined) return false;
    const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim());
    if (!m) return false;
    const port = m[2] === undefined ? 80 : Number(m[2]);
    if (port !== address.port) return false;
    const name = m[1]!.toLowerCase();
    return names.has(name) || (wildcard && isIP(name.replace(/^\[|\]$/g, '')) !== 0);
  };
}
