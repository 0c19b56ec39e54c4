/** Downloads from a page: the browser saves files as if the person had clicked links to them. */
import type { Sequential } from '../../models/sequential.js';
import { NoisenetError } from '../../errors.js';
import { modelFiles } from './model-files.js';

interface Anchor {
  href: string;
  download: string;
  click(): void;
  remove(): void;
}
interface PageDocument {
  createElement(tag: 'a'): Anchor;
  body: { append(node: Anchor): void };
}

/** Makes the browser download `files` (a page's main thread only: it needs the document). */
export function downloadFiles(files: readonly File[]): void {
  const document = (globalThis as unknown as { document?: PageDocument }).document;
  if (!document) throw new NoisenetError('downloadFiles: needs a page (there is no document here; post the files to the page, e.g. from modelFiles())');
  for (const file of files) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(file);
    a.download = file.name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  }
}

/** Downloads the model as `<name>.json` and `<name>.weights.bin` (TF.js' `downloads://name` files). */
export function downloadModel(model: Sequential, name = 'model'): void {
  downloadFiles(modelFiles(model, name));
}
