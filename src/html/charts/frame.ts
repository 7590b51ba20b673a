import { type Html, html, joinHtml } from "../markup.js";

/**
 * What the two day charts share: the drawing area, the day slots along x, gridlines and labels. SVG
 * is written here, at generation time, so the page shows its charts without any script, in print and
 * in a mail client's viewer; it scales to the page's width through its viewBox.
 */
export const WIDTH = 720;
export const HEIGHT = 230;
const LEFT = 62;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 32;
export const PLOT = { left: LEFT, top: TOP, width: WIDTH - LEFT - RIGHT, height: HEIGHT - TOP - BOTTOM };
export const BASELINE = TOP + PLOT.height;

/** One decimal is finer than a pixel at any width the page is shown at, and keeps the file small. */
export function r1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The slot of day `i` of `n`: its left edge, width and centre. */
export function daySlot(i: number, n: number): { x: number; width: number; centre: number } {
  const width = PLOT.width / Math.max(n, 1);
  const x = PLOT.left + i * width;
  return { x, width, centre: x + width / 2 };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `2026-08-01` → `Aug 1`. */
export function shortDate(date: string): string {
  const [, month, day] = date.split("-");
  return `${MONTHS[Number(month) - 1] ?? month} ${Number(day)}`;
}

/** At most about eight date labels, evenly spaced, the first day always labelled. */
function dateLabels(dates: readonly string[]): Html {
  const every = Math.max(1, Math.ceil(dates.length / 7));
  const labels: Html[] = [];
  for (let i = 0; i < dates.length; i += every) {
    labels.push(
      html`<text x="${r1(daySlot(i, dates.length).centre)}" y="${HEIGHT - 6}" text-anchor="middle">${shortDate(dates[i] ?? "")}</text>`,
    );
  }
  return joinHtml(labels);
}

/** Horizontal gridlines with their labels at the given values of a 0..max scale. */
function gridlines(ticks: readonly number[], max: number, label: (value: number) => string): Html {
  return joinHtml(
    ticks.map((value) => {
      const y = r1(yFor(value, max));
      return html`<line class="grid" x1="${PLOT.left}" x2="${PLOT.left + PLOT.width}" y1="${y}" y2="${y}"/><text x="${PLOT.left - 8}" y="${r1(y + 6)}" text-anchor="end">${label(value)}</text>`;
    }),
  );
}

export function yFor(value: number, max: number): number {
  return BASELINE - (max === 0 ? 0 : (value / max) * PLOT.height);
}

/** The frame around a chart's marks: an accessible SVG with gridlines and date labels. */
export function chartFrame(options: {
  label: string;
  dates: readonly string[];
  ticks: readonly number[];
  max: number;
  tickLabel: (value: number) => string;
  marks: Html;
}): Html {
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${options.label}" xmlns="http://www.w3.org/2000/svg">${gridlines(options.ticks, options.max, options.tickLabel)}${dateLabels(options.dates)}${options.marks}</svg>`;
}

/** A count axis: gridlines every 1, 2 or 5 times a power of ten, about four of them, up to a round top. */
export function countScale(largest: number): { max: number; ticks: number[] } {
  if (largest <= 0) return { max: 1, ticks: [0, 1] };
  const rough = largest / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(
    1,
    ([1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= rough) ?? 10 * magnitude) as number,
  );
  const max = Math.ceil(largest / step) * step;
  const ticks: number[] = [];
  for (let value = 0; value <= max; value += step) ticks.push(value);
  return { max, ticks };
}

/** 1234 → 1.2k, 2500000 → 2.5M: axis labels stay short. */
export function compactCount(value: number): string {
  if (value >= 1e6) return `${trim(value / 1e6)}M`;
  if (value >= 1e3) return `${trim(value / 1e3)}k`;
  return trim(value);
}

function trim(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Numbers as a reader sees them in text: 12,345. */
export function grouped(value: number): string {
  return value.toLocaleString("en-US");
}
