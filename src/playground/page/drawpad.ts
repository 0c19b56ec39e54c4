/**
 * The drawing pad: a person draws with a mouse, a finger or a pen (pointer events); after each
 * stroke the drawing is prepared as MNIST's digits were and handed on. A validation image can be
 * shown instead (the keyboard way to try the models).
 */
import { digitFromInk } from '../drawing.js';

/**
 * Paints an image (values in [0, 1], `height` x `width` x `channels`, grey or RGB) over the whole
 * canvas of `ctx`.
 */
export function paintImage(ctx: CanvasRenderingContext2D, values: ArrayLike<number>, height: number, width: number, channels: number): void {
  const cw = ctx.canvas.width / width;
  const ch = ctx.canvas.height / height;
  const byte = (v: number): number => Math.round(255 * Math.min(1, Math.max(0, v)));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * channels;
      const [r, g, b] = channels === 3 ? [byte(values[at]!), byte(values[at + 1]!), byte(values[at + 2]!)] : [byte(values[at]!), byte(values[at]!), byte(values[at]!)];
      if (r === 0 && g === 0 && b === 0) continue;
      ctx.fillStyle = `rgb(${r},${g},${b})`;
      ctx.fillRect(x * cw, y * ch, Math.ceil(cw), Math.ceil(ch));
    }
  }
}

export class DrawPad {
  private readonly ctx: CanvasRenderingContext2D;
  private drawing = false;
  private last: { x: number; y: number } | null = null;

  constructor(private readonly canvas: HTMLCanvasElement, private readonly onDigit: (input: Float32Array | null) => void, private side: () => { height: number; width: number }) {
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('playground: no 2D canvas');
    this.ctx = ctx;
    this.clear();
    canvas.addEventListener('pointerdown', (e) => {
      canvas.setPointerCapture(e.pointerId);
      this.drawing = true;
      this.last = this.at(e);
      this.stroke(this.last, this.last);
      e.preventDefault();
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.drawing) return;
      const p = this.at(e);
      this.stroke(this.last ?? p, p);
      this.last = p;
    });
    const end = (): void => {
      if (!this.drawing) return;
      this.drawing = false;
      this.last = null;
      this.onDigit(this.digit());
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  clear(): void {
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** Shows an image (values in [0, 1], `height` x `width`) filling the pad. */
  show(values: ArrayLike<number>, height: number, width: number): void {
    this.clear();
    paintImage(this.ctx, values, height, width, 1);
  }

  private at(e: PointerEvent): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * this.canvas.width, y: ((e.clientY - r.top) / r.height) * this.canvas.height };
  }

  private stroke(a: { x: number; y: number }, b: { x: number; y: number }): void {
    const c = this.ctx;
    c.strokeStyle = '#fff';
    c.lineWidth = this.canvas.width / 13;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.beginPath();
    c.moveTo(a.x, a.y);
    c.lineTo(b.x, b.y);
    c.stroke();
  }

  /** The drawing as the model's input, or null when the pad is empty or the images are not square. */
  digit(): Float32Array | null {
    const { height, width } = this.side();
    if (height !== width) return null;
    const { data } = this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height);
    const ink = new Float32Array(this.canvas.width * this.canvas.height);
    for (let i = 0; i < ink.length; i++) ink[i] = data[4 * i]! / 255;
    return digitFromInk(ink, this.canvas.width, this.canvas.height, width);
  }
}
