import { type Html, html } from "../markup.js";
import { chartFrame, compactCount, countScale, daySlot, grouped, PLOT, r1, yFor } from "./frame.js";

export interface BarSeries {
  /** CSS class suffix (`c-<key>` gives the colour) and stable name. */
  key: string;
  label: string;
}

export interface DayStack {
  date: string;
  /** One value per series, in the series' order (bottom to top). */
  values: readonly number[];
}

/**
 * Messages per day stacked by series. Each series is one path whose segments are drawn as thick
 * strokes (a vertical segment per day, as wide as a bar): half the bytes of rectangles, which matters
 * at 50 domains × 90 days. Each day also has a transparent column over the full height, carrying the
 * day's numbers as its tooltip and highlighting on hover, so every day has exactly one column.
 */
export function stackedBarsChart(
  series: readonly BarSeries[],
  days: readonly DayStack[],
  label: string,
): Html {
  const n = days.length;
  const totals = days.map((d) => d.values.reduce((a, b) => a + b, 0));
  const { max, ticks } = countScale(Math.max(0, ...totals));
  const paths = series.map(() => [] as string[]);
  const columns: Html[] = [];
  days.forEach((day, i) => {
    const slot = daySlot(i, n);
    const x = r1(slot.centre);
    let below = 0;
    day.values.forEach((value, s) => {
      if (value <= 0) return;
      const top = r1(yFor(below + value, max));
      const bottom = r1(yFor(below, max));
      below += value;
      paths[s]?.push(`M${x} ${bottom}V${top}`);
    });
    const parts = series
      .map((s, k) => ({ label: s.label, value: day.values[k] ?? 0 }))
      .filter((p) => p.value > 0)
      .map((p) => `${p.label} ${grouped(p.value)}`);
    columns.push(
      html`<rect x="${r1(slot.x)}" y="${PLOT.top}" width="${r1(slot.width)}" height="${PLOT.height}"><title>${day.date}: ${grouped(totals[i] ?? 0)} messages${parts.length > 0 ? `: ${parts.join(", ")}` : ""}</title></rect>`,
    );
  });
  const barWidth = r1(Math.max((PLOT.width / Math.max(n, 1)) * 0.72, 0.6));
  const bars = series.map((s, k) =>
    (paths[k]?.length ?? 0) > 0
      ? html`<path class="bar s-${s.key}" stroke-width="${barWidth}" d="${paths[k]?.join("") ?? ""}"/>`
      : "",
  );
  return chartFrame({
    label,
    dates: days.map((d) => d.date),
    ticks,
    max,
    tickLabel: compactCount,
    marks: html`${bars}<g class="cols">${columns}</g>`,
  });
}

/** The colour key under a chart. */
export function legend(series: readonly BarSeries[]): Html {
  return html`<ul class="legend">${series.map((s) => html`<li><i class="c-${s.key}"></i>${s.label}</li>`)}</ul>`;
}
