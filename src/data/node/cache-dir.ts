/** Where downloaded datasets are kept between runs. */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** Environment variables as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The noisenet cache directory:
 * - `NOISENET_CACHE` when set (used as is, no `noisenet` appended);
 * - else the platform's cache directory + `/noisenet`: `$XDG_CACHE_HOME` (when absolute) or
 *   `~/.cache` on Linux and other Unixes, `~/Library/Caches` on macOS, `%LOCALAPPDATA%`
 *   (or `~/AppData/Local`) on Windows.
 *
 * Each dataset lives in a subfolder named after it, e.g. `<cache>/mnist`.
 * @param env defaults to `process.env`; `platform` and `home` default to the running system's.
 */
export function defaultCacheDir(
  env: Env = process.env,
  platform: string = process.platform,
  home: string = homedir(),
): string {
  const override = env['NOISENET_CACHE'];
  if (override) return override;
  return join(platformCacheDir(env, platform, home), 'noisenet');
}

function platformCacheDir(env: Env, platform: string, home: string): string {
  if (platform === 'win32') return env['LOCALAPPDATA'] || join(home, 'AppData', 'Local');
  if (platform === 'darwin') return join(home, 'Library', 'Caches');
  const xdg = env['XDG_CACHE_HOME'];
  return xdg && isAbsolute(xdg) ? xdg : join(home, '.cache');
}
