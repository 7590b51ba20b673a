import { escapeForTerminal } from "../format/escape.js";

/**
 * HTML built so that data can only ever be text. Markup exists only as `Html` values made by the
 * `html` template tag from literal template text; every interpolated string (a TXT record, a report's
 * org name) is escaped into a text node or a quoted attribute value. Report and DNS data are hostile:
 * there is no function here that turns a string into markup.
 */
const MADE_HERE = Symbol("markup");

export class Html {
  readonly #text: string;
  /** Only this module holds the token: the tag below and `joinHtml` make these, nothing else can. */
  constructor(token: typeof MADE_HERE, text: string) {
    if (token !== MADE_HERE) throw new TypeError("Html is made by the html`` tag only");
    this.#text = text;
  }
  toString(): string {
    return this.#text;
  }
}

export type HtmlPart = Html | string | number | null | undefined | false | readonly HtmlPart[];

/**
 * Text safe as an HTML text node or double- or single-quoted attribute value. Control, bidi and
 * zero-width characters become visible escapes first (as on a terminal: a record must not make
 * `-all` read as `+all`), then the five characters that could end text or an attribute become
 * character references.
 */
export function escapeHtml(text: string): string {
  return escapeForTerminal(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function render(part: HtmlPart): string {
  if (part instanceof Html) return part.toString();
  if (part === null || part === undefined || part === false) return "";
  if (typeof part === "number") return String(part);
  if (typeof part === "string") return escapeHtml(part);
  return part.map(render).join("");
}

/** The template tag: literal text is markup, every `${value}` is escaped (Html values pass as they are). */
export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): Html {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? "");
  return new Html(MADE_HERE, out);
}

export function joinHtml(parts: readonly HtmlPart[], separator = ""): Html {
  return new Html(MADE_HERE, parts.map(render).join(separator));
}

/**
 * A <style> element around our own style sheet (a constant, not data). Its content is raw text
 * (escaping would break `a>b`), so it is refused if it could end the element.
 */
export function styleElement(css: string): Html {
  if (/<\/style/i.test(css)) throw new Error("a style sheet may not contain </style");
  return new Html(MADE_HERE, `<style>${css}</style>`);
}
