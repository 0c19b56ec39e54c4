/**
 * `noisenet playground`: serves the playground page on this machine. It stops on Ctrl-C.
 */
import { relative } from 'node:path';
import { startPlayground } from '../../playground/node/playground-server.js';
import { defineCommand } from '../options.js';
import { parseInteger } from '../values.js';
import { UsageError } from '../usage-error.js';
import { Interrupted } from '../context.js';
import { runOption } from '../run-flags.js';

const WHERE = 'noisenet playground';

export const playground = defineCommand({
  name: 'playground',
  summary: 'serve the playground page: train a network with and without noise in the browser and watch the gap',
  description:
    'Starts a static-file HTTP server on 127.0.0.1 and prints the page\'s URL. In the page you pick a dataset\n' +
    '(mnist-mini, Fashion-MNIST when its files are at hand, or your own IDX files or images), the training-set\n' +
    'size, epochs, learning rate and up to two noise techniques, and train a baseline and the noisy model side\n' +
    'by side. The server sends the cross-origin isolation headers, so training uses every core. Ctrl-C stops it.',
  epilog: 'Examples:\n  npx noisenet playground\n  npx noisenet playground --port 9000 --no-isolation\n  npx noisenet playground --dir playground-site   # a folder written by npm run build:playground',
  options: {
    port: { type: 'string', arg: 'N', help: 'port to listen on (default 8080; 0 picks a free one)' },
    host: { type: 'string', arg: 'ADDRESS', help: 'address to listen on (default 127.0.0.1: this machine only)' },
    dir: { type: 'string', arg: 'DIR', help: 'serve this built playground folder (default the one npm run build writes)' },
    'fashion-dir': { ...runOption('dataDir'), help: 'offer Fashion-MNIST from the four IDX files in DIR (default Debian\'s folder or the noisenet cache, when they hold them)' },
    'no-isolation': { type: 'boolean', help: 'do not send the cross-origin isolation headers: the page then trains on one thread' },
  },
  async run(v, ctx) {
    const port = parseInteger(WHERE, '--port', v.port ?? '8080', { min: 0, max: 65535 });
    const host = v.host ?? '127.0.0.1';
    if (host.trim() === '') throw new UsageError(`${WHERE}: --host must be an address, received ""; see ${WHERE} --help`);
    // Serves until Ctrl-C (without one, as when embedded, until the process ends).
    const signal = ctx.catchInterrupt?.() ?? new AbortController().signal;
    let server;
    try {
      server = await startPlayground({ port, host, isolation: !v['no-isolation'], ...(v.dir === undefined ? {} : { dir: v.dir }), ...(v['fashion-dir'] === undefined ? {} : { fashionDir: v['fashion-dir'] }), env: ctx.env });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UsageError(`${WHERE}: port ${port} on ${host} is in use; pick another with --port N (0 picks a free one)`);
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`${WHERE}: --host ${host} is not an address of this machine`);
      throw e;
    }
    const dir = relative(process.cwd(), server.dir) || '.';
    ctx.stdout.write(`${WHERE}: serving ${dir} at ${server.url}\n`);
    ctx.stdout.write(`  open ${server.url} in a browser; Ctrl-C stops the server\n`);
    ctx.stdout.write(server.datasets.length > 0 ? `  datasets: ${server.datasets.join(', ')}${server.fashionDir ? ` (Fashion-MNIST from ${server.fashionDir})` : ''}\n` : '  not a built playground (no datasets/index.json): its files are served as they are\n');
    ctx.stdout.write(v['no-isolation'] ? '  threads: off (--no-isolation): the page trains on one thread\n' : '  threads: the page is cross-origin isolated, so it trains on every core\n');
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') ctx.stdout.write(`  note: listening on ${host}, other machines can open the page; browsers give threads only to pages on localhost or HTTPS\n`);
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    await server.close();
    throw signal.reason instanceof Interrupted ? signal.reason : new Interrupted(`${WHERE}: stopped`);
  },
});
