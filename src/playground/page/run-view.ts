/**
 * What the page shows of a run: the progress bar with its ETA, the training charts, the final
 * numbers, the robustness chart and, for a regression, the predicted-against-true scatter. The
 * charts show the task's metrics: accuracy for classes, accuracy and AUC for a yes/no target,
 * RMSE and MAE for a regression (never an accuracy).
 */
import type { Logs } from '../../train/callback.js';
import type { RobustnessPoint } from '../../experiments/robustness.js';
import { ARMS, type Arm } from '../session.js';
import { drawChart, type Series } from './charts.js';
import { byId, duration, el, fixed } from './dom.js';

/** The charts' legend names; the noisy model's techniques are named under the charts. */
const LEGEND: Record<Arm, string> = { baseline: 'baseline', noisy: 'noisy model' };

/** What a model learns: classes, a yes/no target, or a value. */
export type ViewTask = 'multiclass' | 'binary' | 'regression';

/** A metric the charts show: its history key, its name, and whether higher is better. */
interface ShownMetric {
  key: string;
  name: string;
  higher: boolean;
}

/** The main metric of a task (its first chart, the gap) and the second one (its own chart), if any. */
export const TASK_METRICS: Record<ViewTask, { main: ShownMetric; extra: ShownMetric | null }> = {
  multiclass: { main: { key: 'accuracy', name: 'accuracy', higher: true }, extra: null },
  binary: { main: { key: 'accuracy', name: 'accuracy', higher: true }, extra: { key: 'auc', name: 'AUC', higher: true } },
  regression: { main: { key: 'rmse', name: 'RMSE', higher: false }, extra: { key: 'mae', name: 'MAE', higher: false } },
};

export class RunView {
  private histories: Record<Arm, Record<string, number[]>> = { baseline: {}, noisy: {} };
  private robustness: Partial<Record<Arm, { points: RobustnessPoint[]; source: string }>> = {};
  private scatter: Partial<Record<Arm, { truth: number[]; predicted: number[] }>> = {};
  private task: ViewTask = 'multiclass';
  private started = 0;
  private pausedAt: number | null = null;
  private pausedMs = 0;

  /** Clears everything for a new run of these two configurations, on data of `task`. */
  reset(labels: Record<Arm, string>, task: ViewTask = this.task): void {
    byId('noisy-name').textContent = `The noisy model: ${labels.noisy}.`;
    this.histories = { baseline: {}, noisy: {} };
    this.robustness = {};
    this.scatter = {};
    this.setTask(task);
    this.started = performance.now();
    this.pausedAt = null;
    this.pausedMs = 0;
    byId<HTMLProgressElement>('progress').value = 0;
    byId('eta').textContent = 'Starting…';
    byId('final').hidden = true;
    this.drawCurves();
    this.drawRobustness();
  }

  progress(done: number, total: number, arm: Arm, epoch: number): void {
    byId<HTMLProgressElement>('progress').value = done / total;
    const active = performance.now() - this.started - this.pausedMs;
    const eta = done > 0 ? (active * (total - done)) / done : NaN;
    byId('eta').textContent = `${Math.round((100 * done) / total)}%: epoch ${epoch + 1}, ${arm === 'baseline' ? 'baseline' : 'noisy model'}; ${Number.isFinite(eta) ? `about ${duration(eta)} left` : ''}`;
  }

  paused(on: boolean): void {
    if (on && this.pausedAt === null) {
      this.pausedAt = performance.now();
      byId('eta').textContent = `Stopped after ${this.epochsDone()} epochs. Continue, or change the settings and train again.`;
    } else if (!on && this.pausedAt !== null) {
      this.pausedMs += performance.now() - this.pausedAt;
      this.pausedAt = null;
    }
  }

  epochsDone(): number {
    return Math.min(...ARMS.map((a) => this.histories[a].loss?.length ?? 0));
  }

  epoch(arm: Arm, logs: Logs): void {
    for (const [k, v] of Object.entries(logs)) (this.histories[arm][k] ??= []).push(v);
    this.drawCurves();
    this.drawFinal();
  }

  finished(): void {
    byId<HTMLProgressElement>('progress').value = 1;
    byId('eta').textContent = `Done: ${this.epochsDone()} epoch${this.epochsDone() === 1 ? '' : 's'} of both models in ${duration(performance.now() - this.started - this.pausedMs)}.`;
  }

  /** Shows the charts, captions and columns of `task`; a run's histories are kept. */
  setTask(task: ViewTask): void {
    this.task = task;
    const { main, extra } = TASK_METRICS[task];
    const error = !main.higher;
    byId('chart-accuracy').querySelector('figcaption')!.textContent = `${cap(main.name)} per epoch: training (dashed) and validation (solid)${error ? '; lower is better' : ''}`;
    byId('chart-gap').querySelector('figcaption')!.textContent = error ? `Generalization gap: validation minus training ${main.name}` : `Generalization gap: training minus validation ${main.name}`;
    const second = byId('chart-extra');
    second.hidden = extra === null;
    second.querySelector('figcaption')!.textContent = extra ? `${cap(extra.name)} per epoch: training (dashed) and validation (solid)${extra.higher ? '' : '; lower is better'}` : '';
    if (!extra) second.querySelector('.plot')!.replaceChildren();
    byId('chart-scatter').hidden = task !== 'regression';
    if (task !== 'regression') byId('chart-scatter').querySelector('.plot')!.replaceChildren();
    byId('robust-hint').textContent = error
      ? `The RMSE of the predictions of the validation rows with Gaussian noise of growing strength added to their standardised features, after training (lower is better).`
      : 'Accuracy on the validation images with Gaussian noise of growing strength added, after training.';
    byId('chart-robustness').querySelector('figcaption')!.textContent = error ? 'Validation RMSE under test-time Gaussian noise (stddev)' : 'Validation accuracy under test-time Gaussian noise (stddev)';
    const short = main.key === 'accuracy' ? 'acc' : main.name;
    const heads = [`train ${short}`, `val ${short}`, 'gap', ...(extra ? [`val ${extra.name}`] : []), 'val loss'];
    byId<HTMLTableElement>('final').tHead!.replaceChildren(el('tr', {}, el('th', { scope: 'col' }, 'model'), ...heads.map((h) => el('th', { scope: 'col' }, h))));
  }

  /** A regression model's predictions of the validation rows against their true values. */
  predictions(arm: Arm, truth: number[], predicted: number[]): void {
    this.scatter[arm] = { truth, predicted };
    const shown = ARMS.filter((a) => this.scatter[a]);
    const all = shown.flatMap((a) => [...this.scatter[a]!.truth, ...this.scatter[a]!.predicted]).filter(Number.isFinite);
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    const series: Series[] = [
      { model: 'ideal', label: 'predicted = true', lines: [{ split: 'value' as const, points: [{ x: lo, y: lo }, { x: hi, y: hi }], dots: false }] },
      ...shown.map((a) => ({ model: a, label: LEGEND[a], lines: [{ split: 'value' as const, points: this.scatter[a]!.truth.map((t, i) => ({ x: t, y: this.scatter[a]!.predicted[i]! })), path: false }] })),
    ];
    drawChart(byId('chart-scatter').querySelector('.plot')!, { xLabel: 'true value', yLabel: 'predicted value', series });
  }

  robust(arm: Arm, points: RobustnessPoint[], source: string): void {
    this.robustness[arm] = { points, source };
    this.drawRobustness();
  }

  private series(metric: string, train: string | null): Series[] {
    return ARMS.map((arm) => {
      const h = this.histories[arm];
      const line = (key: string, split: 'train' | 'validation' | 'value') => ({ split, points: (h[key] ?? []).map((y, i) => ({ x: i + 1, y })) });
      return { model: arm, label: LEGEND[arm], lines: train ? [line(train, 'train'), line(metric, 'validation')] : [line(metric, 'value')] };
    });
  }

  private drawCurves(): void {
    const { main, extra } = TASK_METRICS[this.task];
    const gap = `gap_${main.key}`;
    for (const arm of ARMS) {
      const h = this.histories[arm];
      // The gap is how much better the model does on what it trained on: train − validation accuracy, validation − train error.
      h[gap] = (h[main.key] ?? []).map((a, i) => (main.higher ? a - (h[`val_${main.key}`]?.[i] ?? NaN) : (h[`val_${main.key}`]?.[i] ?? NaN) - a));
    }
    drawChart(byId('chart-accuracy').querySelector('.plot')!, { xLabel: 'epoch', yLabel: main.name, integerX: true, series: this.series(`val_${main.key}`, main.key) });
    drawChart(byId('chart-loss').querySelector('.plot')!, { xLabel: 'epoch', yLabel: 'loss', integerX: true, series: this.series('val_loss', 'loss') });
    drawChart(byId('chart-gap').querySelector('.plot')!, { xLabel: 'epoch', yLabel: main.higher ? `train − validation ${main.name}` : `validation − train ${main.name}`, integerX: true, series: this.series(gap, null) });
    if (extra) drawChart(byId('chart-extra').querySelector('.plot')!, { xLabel: 'epoch', yLabel: extra.name, integerX: true, series: this.series(`val_${extra.key}`, extra.key) });
  }

  private drawFinal(): void {
    const table = byId<HTMLTableElement>('final');
    const body = table.tBodies[0]!;
    body.replaceChildren(
      ...ARMS.map((arm) => {
        const h = this.histories[arm];
        const last = (k: string): number | undefined => h[k]?.[h[k]!.length - 1];
        const { main, extra } = TASK_METRICS[this.task];
        const keys = [main.key, `val_${main.key}`, `gap_${main.key}`, ...(extra ? [`val_${extra.key}`] : []), 'val_loss'];
        return el('tr', {}, el('th', { scope: 'row' }, LEGEND[arm]), ...keys.map((k) => el('td', {}, fixed(last(k)))));
      }),
    );
    table.hidden = false;
  }

  private drawRobustness(): void {
    const series: Series[] = ARMS.filter((a) => this.robustness[a]).map((arm) => {
      const r = this.robustness[arm]!;
      return { model: arm, label: r.source === 'trained here' ? LEGEND[arm] : `${LEGEND[arm]}: ${r.source}`, lines: [{ split: 'value' as const, points: r.points.map((p) => ({ x: p.stddev, y: p.mean })) }] };
    });
    const error = this.task === 'regression';
    drawChart(byId('chart-robustness').querySelector('.plot')!, { xLabel: 'test-time noise stddev', yLabel: error ? 'validation RMSE' : 'validation accuracy', series, ...(error ? { yMin: 0 } : { yMin: 0, yMax: 1 }) });
  }
}

/** `name` with its first letter in capitals. */
function cap(name: string): string {
  return `${name[0]!.toUpperCase()}${name.slice(1)}`;
}
