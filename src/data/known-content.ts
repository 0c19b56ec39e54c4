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

/**
 * SHA-256 (hex) of mnist-mini's 10,000 digits in package order (all 0s, then all 1s, ...): of the
 * decoded image bytes (10,000 x 28 x 28) and of the label bytes. The IDX files noisenet ships are
 * checked against them when they are built and when they are read.
 */
export const MNIST_MINI_DIGITS_SHA256 = {
  images: '0768d16c5adea568dee18fa5e4e1acb117e9ec2c5d6b1dffe5fc29c1e61c1eca',
  labels: '44e605757823cf79c6557e6d2a7f45c693b286e8cd303ea10339b002801b4916',
} as const;
