/** For tests: a real HTTP server on 127.0.0.1 that serves files from memory and counts requests. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running {@link startFileServer}. */
export interface FileServer {
  /** Base URL ending in `/`, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  /** Paths requested so far, in order (e.g. `/train-images-idx3-ubyte.gz`). */
  readonly requests: string[];
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Serves `files` (name -> bytes) at `/<name>` on a random port; anything else is a 404. */
export async function startFileServer(files: Readonly<Record<string, Uint8Array>>): Promise<FileServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const body = files[decodeURIComponent(path.slice(1))];
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
