/**
 * Checks a BIMI logo against SVG Tiny Portable/Secure (draft-svg-tiny-ps-abrotman), the profile mail
 * clients require before they show it: a `<svg>` root with `version="1.2"` and
 * `baseProfile="tiny-ps"`, a `<title>`, no `x`/`y` on the root, and nothing that runs, moves or
 * reaches out (scripts and event attributes, animation, links and references outside the file,
 * foreign or media content). Pure: the bytes in, every problem out; never throws.
 *
 * The XML is read by saxes, which never expands DTD entities and never fetches anything; a DOCTYPE
 * declaring entities is itself a problem (entity tricks have no place in a logo).
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { SaxesTagNS } from "saxes";

/** The BIMI group's guidance: logos of at most 32 KB. */
export const MAX_SVG_BYTES = 32_768;
/** A hostile file repeating one mistake a thousand times gets this many problems listed. */
const MAX_PROBLEMS = 20;

const SVG_NAMESPACE = "http://www.w3.org/2000/svg";
const XLINK_NAMESPACE = "http://www.w3.org/1999/xlink";

export type SvgProblemCode =
  | "too-large"
  | "compressed"
  | "not-xml"
  | "not-svg"
  | "version"
  | "base-profile"
  | "no-title"
  | "root-position"
  | "script"
  | "animation"
  | "external-reference"
  | "forbidden-element"
  | "entity-declaration";

export interface SvgProblem {
  code: SvgProblemCode;
  /** The element concerned, when one is. */
  element?: string;
  attribute?: string;
  value?: string;
  reason: string;
}

export interface SvgCheck {
  bytes: number;
  /** SHA-256 of the file, hex: a baseline notices a logo replaced at the same URL. */
  sha256: string;
  /** The text of the root's `<title>`, trimmed; null without one. */
  title: string | null;
  problems: SvgProblem[];
}

const SCRIPT_ELEMENTS = new Set(["script", "handler", "listener"]);
const ANIMATION_ELEMENTS = new Set([
  "animate",
  "animateColor",
  "animateMotion",
  "animateTransform",
  "set",
  "discard",
]);
const FORBIDDEN_ELEMENTS = new Set([
  "foreignObject",
  "image",
  "a",
  "video",
  "audio",
  "iframe",
  "animation",
  "prefetch",
]);

/** `@import`, or `url(` that is not `url(#…)`: CSS that fetches. */
const EXTERNAL_IN_CSS = /@import|url\(\s*['"]?(?!#)/i;

class StopReading extends Error {}

export function checkSvgTinyPs(body: Uint8Array): SvgCheck {
  const problems: SvgProblem[] = [];
  const add = (problem: SvgProblem) => {
    const repeated = problems.some(
      (p) => p.code === problem.code && p.element === problem.element && p.attribute === problem.attribute,
    );
    if (!repeated && problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  const result = (title: string | null): SvgCheck => ({
    bytes: body.length,
    sha256: createHash("sha256").update(body).digest("hex"),
    title,
    problems,
  });
  if (body.length > MAX_SVG_BYTES)
    add({
      code: "too-large",
      value: String(body.length),
      reason: `the file is over ${MAX_SVG_BYTES} octets`,
    });
  if (body[0] === 0x1f && body[1] === 0x8b) {
    add({ code: "compressed", reason: "the file is gzip-compressed (svgz); BIMI logos are plain SVG" });
    return result(null);
  }
  let depth = 0;
  let rootSeen = false;
  let inTitle = false;
  let inStyle = false;
  let title: string | null = null;
  // saxes is loaded at the first logo checked, not at every start; require() keeps the check synchronous.
  const { SaxesParser } = createRequire(import.meta.url)("saxes") as typeof import("saxes");
  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.on("doctype", (doctype) => {
    if (/<!ENTITY/i.test(doctype))
      add({ code: "entity-declaration", reason: "the DOCTYPE declares entities (they are never expanded)" });
  });
  parser.on("opentag", (tag) => {
    depth++;
    if (depth === 1) {
      rootSeen = true;
      checkRoot(tag, add);
    } else if (depth === 2 && tag.local === "title" && tag.uri === SVG_NAMESPACE) {
      inTitle = true;
      title ??= "";
    }
    inStyle = tag.local === "style";
    checkElement(tag, add);
  });
  const onText = (text: string) => {
    if (inTitle) title = `${title ?? ""}${text}`;
    if (inStyle && EXTERNAL_IN_CSS.test(text))
      add({
        code: "external-reference",
        element: "style",
        reason: "the style sheet loads something outside the file",
      });
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    inTitle = false;
    inStyle = false;
    depth--;
  });
  parser.on("error", (error) => {
    add({ code: "not-xml", reason: `not well-formed XML: ${error.message.replace(/^undefined:/, "line ")}` });
    throw new StopReading();
  });
  try {
    parser.write(new TextDecoder("utf-8").decode(body)).close();
  } catch (error) {
    if (!(error instanceof StopReading)) throw error;
    return result(null);
  }
  if (!rootSeen) add({ code: "not-svg", reason: "the file has no root element" });
  const trimmed = (title as string | null)?.trim() ?? null;
  if (rootSeen && (trimmed === null || trimmed === ""))
    add({
      code: "no-title",
      element: "title",
      reason: "the root has no <title> with text (SVG Tiny PS requires one)",
    });
  return result(trimmed === "" ? null : trimmed);
}

function checkRoot(tag: SaxesTagNS, add: (problem: SvgProblem) => void): void {
  if (tag.local !== "svg" || tag.uri !== SVG_NAMESPACE) {
    add({ code: "not-svg", element: tag.name, reason: "the root element is not <svg> in the SVG namespace" });
    return;
  }
  const attribute = (name: string) => tag.attributes[name]?.value;
  const version = attribute("version");
  if (version !== "1.2")
    add({
      code: "version",
      element: "svg",
      attribute: "version",
      value: version ?? "(none)",
      reason: 'the root needs version="1.2"',
    });
  const profile = attribute("baseProfile");
  if (profile !== "tiny-ps")
    add({
      code: "base-profile",
      element: "svg",
      attribute: "baseProfile",
      value: profile ?? "(none)",
      reason: 'the root needs baseProfile="tiny-ps"',
    });
  for (const name of ["x", "y"])
    if (attribute(name) !== undefined)
      add({
        code: "root-position",
        element: "svg",
        attribute: name,
        value: attribute(name),
        reason: `the root may not carry ${name}=`,
      });
}

function checkElement(tag: SaxesTagNS, add: (problem: SvgProblem) => void): void {
  const element = tag.local;
  if (SCRIPT_ELEMENTS.has(element)) add({ code: "script", element, reason: `<${element}> runs code` });
  else if (ANIMATION_ELEMENTS.has(element))
    add({ code: "animation", element, reason: `<${element}> animates the logo` });
  else if (FORBIDDEN_ELEMENTS.has(element))
    add({ code: "forbidden-element", element, reason: `<${element}> is not part of SVG Tiny PS` });
  for (const attribute of Object.values(tag.attributes)) {
    const name = attribute.local;
    if (attribute.uri === "" && /^on/i.test(name)) {
      add({
        code: "script",
        element,
        attribute: name,
        value: attribute.value,
        reason: "an event attribute runs code",
      });
    } else if (
      name === "href" &&
      (attribute.uri === XLINK_NAMESPACE || attribute.uri === "") &&
      !attribute.value.trim().startsWith("#")
    ) {
      add({
        code: "external-reference",
        element,
        attribute: attribute.name,
        value: attribute.value,
        reason: "a reference outside the file (only #fragment references are allowed)",
      });
    } else if (EXTERNAL_IN_CSS.test(attribute.value)) {
      add({
        code: "external-reference",
        element,
        attribute: attribute.name,
        value: attribute.value,
        reason: "a url() outside the file (only url(#fragment) is allowed)",
      });
    }
  }
}
