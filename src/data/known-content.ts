/**
 * The content digests ({@link datasetDigest}) of dataset releases, for naming IDX files read
 * from a folder by what they hold. Fashion-MNIST's is that of the four files of Debian's
 * `dataset-fashion-mnist` (upstream's images and labels, recompressed). Files as published,
 * still gzipped, are also recognised by their published checksums (see data/node).
 */
export const KNOWN_CONTENT: Readonly<Record<string, string>> = {
  'fashion-mnist': 'f6610bc64eefc1de6803154f5e2f611d6043d112beb3b6acaf27d996039c2299',
};

/** The dataset whose content digest is `sha256`, or null. */
export function datasetOfContent(sha256: string): string | null {
  return Object.keys(KNOWN_CONTENT).find((name) => KNOWN_CONTENT[name] === sha256) ?? null;
}
