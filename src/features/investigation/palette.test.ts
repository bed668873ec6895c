// The series palette in index.css, checked as a reader sees it: every colour stands out from
// the chart's surface, and any two stay apart, also for the commonest colour blindness
// (protanopia and deuteranopia, simulated with Machado, Oliveira and Fernandes' 2009 matrices)
// and in the dark theme.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(join(import.meta.dirname, '..', '..', 'index.css'), 'utf8');

function block(selector: RegExp): string {
  const match = selector.exec(css);
  if (!match) throw new Error(`no ${String(selector)} block in index.css`);
  return css.slice(match.index, css.indexOf('}', match.index));
}

function palette(text: string): { surface: string; series: string[] } {
  const value = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(text)?.[1] ?? '';
  const series = [...text.matchAll(/--ps-series-\d+:\s*(#[0-9a-f]{6})/gi)].map((m) => m[1] ?? '');
  return { surface: value('ps-surface'), series };
}

type Rgb = [number, number, number];
const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as Rgb;
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const luminance = ([r, g, b]: Rgb) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(rgb(a)), luminance(rgb(b))].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

const SIMULATIONS: Record<string, number[][]> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
};

/** CIE Lab of a colour as a reader with `vision` sees it. */
function lab(hex: string, vision: string): Rgb {
  const lin = rgb(hex).map(linear);
  const m = SIMULATIONS[vision] ?? SIMULATIONS['normal']!;
  const seen = m.map((row) => Math.min(1, Math.max(0, row[0]! * lin[0]! + row[1]! * lin[1]! + row[2]! * lin[2]!))) as Rgb;
  const xyz = [
    (0.4124 * seen[0] + 0.3576 * seen[1] + 0.1805 * seen[2]) / 0.95047,
    0.2126 * seen[0] + 0.7152 * seen[1] + 0.0722 * seen[2],
    (0.0193 * seen[0] + 0.1192 * seen[1] + 0.9505 * seen[2]) / 1.08883,
  ].map((t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116)) as Rgb;
  return [116 * xyz[1] - 16, 500 * (xyz[0] - xyz[1]), 200 * (xyz[1] - xyz[2])];
}
const distance = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** Every `:root { … }` block: the light theme's variables are spread over several. */
function lightBlocks(): string {
  return [...css.matchAll(/(^|\n):root\s*\{[^}]*\}/g)].map((m) => m[0]).join('\n');
}

describe.each([
  ['light', lightBlocks()],
  ['dark', block(/\[data-theme=['"]?dark['"]?\]\s*\{/)],
])('the %s series palette', (_, text) => {
  const { surface, series } = palette(text);

  it('has eight colours, each at least 3:1 against the surface (WCAG for graphics)', () => {
    expect(series).toHaveLength(8);
    for (const colour of series) expect(contrast(colour, surface), colour).toBeGreaterThanOrEqual(3);
  });

  it.each(Object.keys(SIMULATIONS))('keeps any two colours apart for %s vision', (vision) => {
    for (let i = 0; i < series.length; i += 1) {
      for (let j = i + 1; j < series.length; j += 1) {
        const gap = distance(lab(series[i]!, vision), lab(series[j]!, vision));
        // Neighbours (the colours of senders listed next to each other) need the larger gap.
        expect(gap, `${series[i]} vs ${series[j]}`).toBeGreaterThanOrEqual(j === i + 1 ? 15 : 8);
      }
    }
  });
});
