/**
 * A playground page for a browser test: the playground served on 127.0.0.1 (without
 * Fashion-MNIST, so only the bundled digits and the user's own data), a fresh Chromium, and a
 * page opened at `hash`, collecting its uncaught errors. All of it is closed when the test ends.
 */
import type { TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { startPlayground, type PlaygroundServer } from '../playground/node/playground-server.js';
import { launchChromium, type ChromiumOptions } from './chromium.js';

/** An open playground page, the errors it threw (`page error: ...`) and its server. */
export interface PlaygroundPage {
  readonly page: Page;
  readonly problems: string[];
  readonly server: PlaygroundServer;
}

/** Serves the playground, opens it at `hash` (e.g. `#dataset=mnist-mini&autorun=1`) and closes both after `t`. */
export async function openPlaygroundPage(t: TestContext, hash = '', options: ChromiumOptions = {}): Promise<PlaygroundPage> {
  const server = await startPlayground({ fashionDir: null });
  t.after(() => server.close());
  const browser = await launchChromium(options);
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
  await page.goto(`${server.url}${hash}`);
  return { page, problems, server };
}
