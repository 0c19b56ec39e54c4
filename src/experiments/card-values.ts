/** The values a run records for the robustness card (see robustness-card.ts), beyond its history and Gaussian-noise curve. */

/** What a run measured beyond its history and Gaussian-noise curve; each field is filled by the measurement that makes it, with its setting. */
export interface RunCardValues {
  /** Randomized-smoothing certified accuracy at an L2 radius, for noise of stddev `sigma`. */
  certified?: { accuracy: number; radius: number; sigma: number };
  /** Mean accuracy over common corruptions, and how many corruptions it averages. */
  corruption?: { meanAccuracy: number; corruptions: number };
  /** Expected calibration error over equal-width confidence bins. */
  calibration?: { ece: number; bins: number };
  /** Accuracy under an adversarial attack (`fgsm`, `pgd`) of size `eps`. */
  adversarial?: { accuracy: number; attack: string; eps: number };
}
