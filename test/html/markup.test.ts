/**
 * The HTML builder: data interpolated into the page is text, whatever it holds. The browser tests
 * show it end to end on hostile reports and records; these show it for every string fast-check can
 * make, and for the pieces that build the charts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countScale } from "../../src/html/charts/frame.js";
import { passRateChart } from "../../src/html/charts/pass-rate-chart.js";
import { stackedBarsChart } from "../../src/html/charts/stacked-bars-chart.js";
import { escapeHtml, Html, html, styleElement } from "../../src/html/markup.js";
import { contentSecurityPolicy } from "../../src/html/page.js";

/** What a browser reads back from an escaped text node or attribute value. */
function readBack(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

describe("html template tag", () => {
  it("escapes every interpolated string: no character of it can start markup or end an attribute", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (data) => {
        const out = html`<p title="${data}">${data}</p>`.toString();
        const inner = out.slice('<p title="'.length, out.indexOf('">'));
        expect(/[<>"']/.test(inner)).toBe(false);
        expect(out.endsWith(`>${inner}</p>`)).toBe(true);
        expect(readBack(inner)).toBe(
          escapeHtml(data).replace(/&lt;|&gt;|&quot;|&#39;|&amp;/g, (m) => readBack(m)),
        );
      }),
      { examples: [[`"><img src=x onerror=alert(1)>`], ["<script>alert(1)</script>"], ["a\u202eb"]] },
    );
  });

  it("keeps the data itself, with control and bidi characters made visible", () => {
    expect(html`${"<b>&</b>"}`.toString()).toBe("&lt;b&gt;&amp;&lt;/b&gt;");
    expect(html`${"-all\u202e"}`.toString()).toBe("-all\\u{202e}");
    expect(html`${"\u001b[31m"}`.toString()).toBe("\\x1b[31m");
  });

  it("lets markup made by the tag through once, and nothing else", () => {
    const inner = html`<b>${"<i>"}</b>`;
    expect(html`<p>${inner}</p>`.toString()).toBe("<p><b>&lt;i&gt;</b></p>");
    expect(html`${[inner, "<x>", 3, null, false]}`.toString()).toBe("<b>&lt;i&gt;</b>&lt;x&gt;3");
    // No way around the tag: the constructor wants a token only markup.ts holds.
    expect(
      () => new (Html as unknown as new (t: symbol, s: string) => Html)(Symbol("markup"), "<script>"),
    ).toThrow(TypeError);
  });

  it("refuses a style sheet that could end its element", () => {
    expect(() => styleElement("a{}</style><script>x()</script>")).toThrow(/<\/style/);
    expect(styleElement("a>b{c:d}").toString()).toBe("<style>a>b{c:d}</style>");
  });

  it("pins the style sheet by its hash in the policy", () => {
    // The hash from another tool: printf 'a{}' | openssl dgst -sha256 -binary | base64
    expect(contentSecurityPolicy("a{}")).toBe(
      "default-src 'none'; style-src 'sha256-X1RutGBrXCt9KkSaXMK7tHftWiRscFHOhxsS8tv8hBk='; base-uri 'none'; form-action 'none'",
    );
  });
});

describe("charts", () => {
  const dates = ["2026-10-01", "2026-10-02", "2026-10-03"];

  it("draws one mark per day on the pass-rate line, a gap and a tick for a day without reports", () => {
    const svg = passRateChart(
      [
        { date: dates[0] as string, messages: 200, pass: 150 },
        { date: dates[1] as string, messages: 0, pass: 0 },
        { date: dates[2] as string, messages: 10, pass: 10 },
      ],
      "rate",
    ).toString();
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg.match(/<line class="nodata"/g)).toHaveLength(1);
    expect(svg).toContain("<title>2026-10-01: 75% pass (150 of 200)</title>");
    // Two separate pieces of line: the empty day is not bridged.
    expect(svg.match(/d="([^"]*)"/)?.[1]?.match(/M/g)).toHaveLength(2);
  });

  it("stacks each day's series up to its total, one column per day", () => {
    const svg = stackedBarsChart(
      [
        { key: "pass", label: "passes DMARC" },
        { key: "fail", label: "fails DMARC" },
      ],
      dates.map((date, i) => ({ date, values: [i * 10, 5] })),
      "volume",
    ).toString();
    expect(svg.match(/<rect /g)).toHaveLength(3);
    expect(svg).toContain("<title>2026-10-03: 25 messages: passes DMARC 20, fails DMARC 5</title>");
    expect(svg).toContain("<title>2026-10-01: 5 messages: fails DMARC 5</title>");
  });

  it("picks round axis tops with four or five gridlines", () => {
    expect(countScale(3485)).toEqual({ max: 4000, ticks: [0, 1000, 2000, 3000, 4000] });
    expect(countScale(66)).toEqual({ max: 80, ticks: [0, 20, 40, 60, 80] });
    expect(countScale(1)).toEqual({ max: 1, ticks: [0, 1] });
    expect(countScale(0)).toEqual({ max: 1, ticks: [0, 1] });
  });
});
