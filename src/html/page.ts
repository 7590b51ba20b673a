import { createHash } from "node:crypto";
import { type Html, type HtmlPart, html, styleElement } from "./markup.js";
import { PAGE_STYLE } from "./style.js";

/**
 * What the page may load, as a Content-Security-Policy the browser enforces before anything in the
 * page runs: nothing from anywhere (`default-src 'none'`: no script at all, no network, no images,
 * fonts or frames), the one style sheet below by its hash (so not even a style element smuggled in by
 * data would apply), no <base>, no form submission. The page needs no script: charts are SVG drawn
 * here, the SPF tree folds with <details>.
 */
export function contentSecurityPolicy(style: string): string {
  const hash = createHash("sha256").update(style).digest("base64");
  return `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`;
}

/** A whole self-contained document: everything it shows is in this one string. */
export function page(options: { title: string; body: HtmlPart; generator: string }): string {
  const document: Html = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(PAGE_STYLE)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${options.generator}">
<meta name="referrer" content="no-referrer">
<title>${options.title}</title>
${styleElement(PAGE_STYLE)}
</head>
<body>
${options.body}
</body>
</html>
`;
  return document.toString();
}
