/**
 * For tests in a real browser: Debian's Chromium (/usr/bin/chromium) driven by playwright-core,
 * headless, with a fresh profile that is removed afterwards. Tests skip, with the reason, when
 * Chromium is not installed.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** `skip` for `test()` options: false when Chromium is installed, else the reason. */
export const skipWithoutChromium: false | string = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install -y chromium)`;

/** Options of {@link launchChromium}. */
export interface ChromiumOptions {
  viewport?: { width: number; height: number };
  /** Phone-like: touch events and a device scale. */
  isMobile?: boolean;
  hasTouch?: boolean;
  deviceScaleFactor?: number;
  /**
   * WebGPU on SwiftShader (Chromium's CPU Vulkan driver): the flags that give `navigator.gpu`
   * an adapter on a page served from `http://127.0.0.1`, and without `--disable-gpu`.
   */
  webgpu?: boolean;
}

/** Chromium's flags for WebGPU on SwiftShader, runnable on a machine without a GPU. */
export const WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'];

/** {@link CHROMIUM_ARGS}, or with `webgpu` the same without `--disable-gpu` and with {@link WEBGPU_ARGS}. */
export function chromiumArgs(webgpu = false): string[] {
  return webgpu ? [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), ...WEBGPU_ARGS] : CHROMIUM_ARGS;
}

/** A browser context on a temporary profile; `dispose()` closes it and removes the profile. */
export async function launchChromium(options: ChromiumOptions = {}): Promise<BrowserContext & { dispose(): Promise<void> }> {
  const { chromium } = await import('playwright-core');
  const { webgpu = false, ...contextOptions } = options;
  const profile = await mkdtemp(join(tmpdir(), 'noisenet-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: chromiumArgs(webgpu), headless: true, acceptDownloads: true, ...contextOptions });
  return Object.assign(context, {
    async dispose() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  });
}
