import { type Html, html, joinHtml } from "../markup.js";
import { BASELINE, chartFrame, daySlot, grouped, r1, yFor } from "./frame.js";

export interface DayCounts {
  date: string;
  messages: number;
  pass: number;
}

/** Pass share with one decimal, as the summary's percentages are written. */
export function passPercent(pass: number, messages: number): number {
  return messages === 0 ? 0 : Math.round((pass / messages) * 1000) / 10;
}

/**
 * The DMARC pass rate per day as a line, one point per day that has mail (its exact numbers in the
 * point's tooltip); a day without reports breaks the line and gets a tick at the bottom instead, so
 * every day of the period has exactly one mark.
 */
export function passRateChart(days: readonly DayCounts[], label: string): Html {
  const n = days.length;
  const segments: string[] = [];
  let segment: string[] = [];
  const marks: Html[] = [];
  days.forEach((day, i) => {
    const x = r1(daySlot(i, n).centre);
    if (day.messages === 0) {
      if (segment.length > 0) segments.push(segment.join("L"));
      segment = [];
      marks.push(
        html`<line class="nodata" x1="${x}" x2="${x}" y1="${BASELINE - 5}" y2="${BASELINE}"><title>${day.date}: no reports</title></line>`,
      );
      return;
    }
    const rate = passPercent(day.pass, day.messages);
    const y = r1(yFor(rate, 100));
    segment.push(`${x},${y}`);
    marks.push(
      html`<circle cx="${x}" cy="${y}" r="2.5"><title>${day.date}: ${rate}% pass (${grouped(day.pass)} of ${grouped(day.messages)})</title></circle>`,
    );
  });
  if (segment.length > 0) segments.push(segment.join("L"));
  const line =
    segments.length > 0 ? html`<path class="rate" d="${segments.map((s) => `M${s}`).join("")}"/>` : "";
  return chartFrame({
    label,
    dates: days.map((d) => d.date),
    ticks: [0, 25, 50, 75, 100],
    max: 100,
    tickLabel: (v) => `${v}%`,
    marks: joinHtml([line, ...marks]),
  });
}
