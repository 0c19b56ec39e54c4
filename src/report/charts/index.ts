/** Every chart of the comparison report, in page order. */
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResults } from '../../experiments/results.js';
import { learningCurvesSpec } from './learning-curves.js';
import { generalizationGapSpec } from './generalization-gap.js';
import { finalAccuracySpec } from './final-accuracy.js';
import { robustnessSpec } from './robustness.js';

/** A chart kind: a file-safe id (also the PNG's name), a caption, and its Vega-Lite spec. */
export interface ChartKind {
  id: string;
  caption: string;
  spec: (results: Pick<ExperimentResults, 'config' | 'runs'>) => TopLevelSpec;
}

/** The charts, in the order the report shows them. */
export const CHARTS: readonly ChartKind[] = [
  { id: 'learning-curves', caption: 'Train and validation accuracy and loss per epoch.', spec: learningCurvesSpec },
  { id: 'generalization-gap', caption: 'Generalization gap per epoch: train minus validation accuracy, validation minus train loss.', spec: generalizationGapSpec },
  { id: 'final-accuracy', caption: 'Validation accuracy after the last epoch.', spec: finalAccuracySpec },
  { id: 'robustness', caption: 'Accuracy on validation inputs with Gaussian noise added at test time.', spec: robustnessSpec },
];

export { learningCurvesSpec, generalizationGapSpec, finalAccuracySpec, robustnessSpec };
