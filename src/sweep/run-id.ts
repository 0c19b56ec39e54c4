/**
 * Stable ids: a run's id is the SHA-256 (WebCrypto) of its settings written as canonical JSON
 * (object keys sorted, no spaces), so the same settings give the same id on every machine and in
 * every session, and any change of a setting gives another.
 */

/** `value` as JSON with object keys sorted at every level; `undefined` fields are left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`canonicalJson: cannot write ${typeof value}`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hex SHA-256 of a text (UTF-8). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Length of a run id, in hex digits (64 bits). */
export const RUN_ID_LENGTH = 16;

/** The id of a run: the first {@link RUN_ID_LENGTH} hex digits of the SHA-256 of its canonical settings. */
export async function runId(settings: unknown): Promise<string> {
  return (await sha256Hex(canonicalJson(settings))).slice(0, RUN_ID_LENGTH);
}
