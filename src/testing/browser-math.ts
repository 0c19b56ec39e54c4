/**
 * Node and a browser agree bit for bit only when their JavaScript engines compute `Math.exp`,
 * `Math.log`, `Math.cos`, ... alike (softmax, the losses and Gaussian draws use them); V8 versions
 * differ in these last bits, and a last-bit difference can flip a few predictions. `mathFingerprint`
 * hashes many values of each, so a test can compare
 * the page's engine with Node's and demand bit-identical histories when they match, and
 * agreement to float rounding when they do not.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** Hashes of the exact float64 results of the Math functions training uses; runs in Node or a page. */
export function mathFingerprint(): string {
  const bits = new Uint32Array(2);
  const view = new Float64Array(bits.buffer);
  const out: string[] = [];
  const fns: [string, (x: number) => number][] = [['exp', Math.exp], ['log', (x) => Math.log(Math.abs(x) + 1e-3)], ['cos', Math.cos], ['sin', Math.sin], ['tanh', Math.tanh], ['pow', (x) => Math.pow(Math.abs(x) + 0.5, 0.37)]];
  for (const [name, f] of fns) {
    let h = 0;
    for (let i = 0; i < 20_000; i++) {
      view[0] = f((i - 10_000) / 791.3);
      h = (Math.imul(h, 31) + bits[0]! + bits[1]!) >>> 0;
    }
    out.push(`${name}:${h.toString(16)}`);
  }
  return out.join(' ');
}

/** Whether the page's engine computes the Math functions exactly as this Node does. */
export async function sameMathAsNode(page: Page): Promise<boolean> {
  return (await page.evaluate(`(${mathFingerprint.toString()})()`)) === mathFingerprint();
}

/** Histories (or any nested numbers) equal bit for bit when `exact`, else within `tolerance` each. */
export function assertSameNumbers(actual: unknown, expected: unknown, exact: boolean, message: string, tolerance = 2e-3): void {
  if (exact) return assert.deepEqual(actual, expected, message);
  const walk = (a: unknown, e: unknown, path: string): void => {
    if (typeof e === 'number') {
      assert.equal(typeof a, 'number', `${message}: ${path} is a number`);
      assert.ok(Math.abs((a as number) - e) <= tolerance * Math.max(1, Math.abs(e)), `${message}: ${path} is ${String(a)}, Node's ${e}`);
    } else if (e !== null && typeof e === 'object') {
      assert.deepEqual(Object.keys(a as object).sort(), Object.keys(e).sort(), `${message}: ${path} has the same keys`);
      for (const k of Object.keys(e)) walk((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], `${path}.${k}`);
    } else assert.equal(a, e, `${message}: ${path}`);
  };
  walk(actual, expected, 'value');
}
