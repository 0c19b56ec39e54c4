/** What the page shows of a run: the progress bar with its ETA, the three training charts, the final numbers and the robustness chart. */
import type { Logs } from '../../train/callback.js';
import type { RobustnessPoint } from '../../experiments/robustness.js';
import { ARMS, type Arm } from '../session.js';
import { drawChart, type Series } from './charts.js';
import { byId, duration, el, fixed } from './dom.js';

/** The charts' legend names; the noisy model's techniques are named under the charts. */
const LEGEND: Record<Arm, string> = { baseline: 'baseline', noisy: 'noisy model' };

export class RunView {
  private histories: Record<Arm, Record<string, number[]>> = { baseline: {}, noisy: {} };
  private robustness: Partial<Record<Arm, { points: RobustnessPoint[]; source: string }>> = {};
  private started = 0;
  private pausedAt: number | null = null;
  private pausedMs = 0;

  /** Clears everything for a new run of these two configurations. */
  reset(labels: Record<Arm, string>): void {
    byId('noisy-name').textContent = `The noisy model: ${labels.noisy}.`;
    this.histories = { baseline: {}, noisy: {} };
    this.robustness = {};
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
    for (const arm of ARMS) {
      const h = this.histories[arm];
      h.gap_accuracy = (h.accuracy ?? []).map((a, i) => a - (h.val_accuracy?.[i] ?? NaN));
    }
    drawChart(byId('chart-accuracy').querySelector('.plot')!, { xLabel: 'epoch', yLabel: 'accuracy', integerX: true, series: this.series('val_accuracy', 'accuracy') });
    drawChart(byId('chart-loss').querySelector('.plot')!, { xLabel: 'epoch', yLabel: 'loss', integerX: true, series: this.series('val_loss', 'loss') });
    drawChart(byId('chart-gap').querySelector('.plot')!, { xLabel: 'epoch', yLabel: 'train − validation accuracy', integerX: true, series: this.series('gap_accuracy', null) });
  }

  private drawFinal(): void {
    const table = byId<HTMLTableElement>('final');
    const body = table.tBodies[0]!;
    body.replaceChildren(
      ...ARMS.map((arm) => {
        const h = this.histories[arm];
        const last = (k: string): number | undefined => h[k]?.[h[k]!.length - 1];
        return el('tr', {}, el('th', { scope: 'row' }, LEGEND[arm]), el('td', {}, fixed(last('accuracy'))), el('td', {}, fixed(last('val_accuracy'))), el('td', {}, fixed(last('gap_accuracy'))), el('td', {}, fixed(last('val_loss'))));
      }),
    );
    table.hidden = false;
  }

  private drawRobustness(): void {
    const series: Series[] = ARMS.filter((a) => this.robustness[a]).map((arm) => {
      const r = this.robustness[arm]!;
      return { model: arm, label: r.source === 'trained here' ? LEGEND[arm] : `${LEGEND[arm]}: ${r.source}`, lines: [{ split: 'value' as const, points: r.points.map((p) => ({ x: p.stddev, y: p.mean })) }] };
    });
    drawChart(byId('chart-robustness').querySelector('.plot')!, { xLabel: 'test-time noise stddev', yLabel: 'validation accuracy', series, yMin: 0, yMax: 1 });
  }
}
