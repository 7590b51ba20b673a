import rule from "../../../rules/bimi/svg-profile.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { bimiAudit, GOOD_SVG, LOGO_URL } from "../../helpers/surround-snapshots.js";

const RECORD = "v=BIMI1; l=https://example.com/logo.svg";
const svg = (text: string) => ({ ...emptySnapshot(), bimi: bimiAudit(RECORD, text) });
const ROOT =
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.2" baseProfile="tiny-ps">';
const wrap = (inner: string) => `${ROOT}<title>Example</title>${inner}</svg>`;

testRule(rule, {
  valid: [
    { name: "SVG Tiny PS", snapshot: svg(GOOD_SVG) },
    {
      name: "a fragment reference and url(#…)",
      snapshot: svg(
        wrap(
          '<defs><linearGradient id="g"/></defs><use xlink:href="#g"/><rect fill="url(#g)" width="1" height="1"/>',
        ),
      ),
    },
    {
      name: "an XML declaration and a comment",
      snapshot: svg(`<?xml version="1.0" encoding="UTF-8"?><!-- logo -->${GOOD_SVG}`),
    },
  ],
  invalid: [
    {
      name: "a <script>",
      snapshot: svg(wrap("<script>alert(1)</script>")),
      findings: [{ messageId: "script", severity: "error", data: { uri: LOGO_URL, name: "script" } }],
    },
    {
      name: "an external href on an image",
      snapshot: svg(wrap('<image href="https://cdn.example.net/logo.png" width="10" height="10"/>')),
      findings: [
        { messageId: "forbiddenElement", data: { name: "image" } },
        {
          messageId: "externalReference",
          data: { name: "image", tag: "href", value: "https://cdn.example.net/logo.png" },
        },
      ],
    },
    {
      name: "an external xlink:href, an @import, an onload",
      snapshot: svg(
        `${ROOT.replace(">", ' onload="x()">')}<title>T</title><style>@import url(https://x.test/a.css);</style><use xlink:href="https://x.test/s.svg#a"/></svg>`,
      ),
      findings: [
        { messageId: "script", data: { tag: "onload" } },
        { messageId: "externalReference", data: { name: "style" } },
        { messageId: "externalReference", data: { tag: "xlink:href" } },
      ],
    },
    {
      name: "animation",
      snapshot: svg(wrap('<rect width="1" height="1"><animate attributeName="x" to="5"/></rect>')),
      findings: [{ messageId: "animation", data: { name: "animate" } }],
    },
    {
      name: "the wrong profile and version, x on the root, no title",
      snapshot: svg(
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" baseProfile="full" x="0"><rect width="1" height="1"/></svg>',
      ),
      findings: [
        { messageId: "profile", data: { tag: "version", value: "1.1", expected: '"1.2"' } },
        { messageId: "profile", data: { tag: "baseProfile", value: "full", expected: '"tiny-ps"' } },
        { messageId: "rootPosition", data: { tag: "x" } },
        { messageId: "noTitle" },
      ],
    },
    { name: "not XML", snapshot: svg(`${ROOT}<title>x</svg>`), findings: [{ messageId: "notXml" }] },
    {
      name: "not SVG",
      snapshot: svg("<html><title>x</title></html>"),
      findings: [{ messageId: "notSvg" }, { messageId: "noTitle" }],
    },
    {
      name: "entities declared in a DOCTYPE",
      snapshot: svg(`<!DOCTYPE svg [<!ENTITY a "aaaa">]>${GOOD_SVG}`),
      findings: [{ messageId: "entityDeclaration" }],
    },
    {
      name: "over 32 KB",
      snapshot: svg(wrap(`<!-- ${"x".repeat(33_000)} -->`)),
      findings: [{ messageId: "tooLarge", data: { limit: 32768 } }],
    },
    {
      name: "gzip-compressed",
      snapshot: {
        ...emptySnapshot(),
        bimi: {
          ...bimiAudit(RECORD),
          logo: {
            url: LOGO_URL,
            fetch: { url: LOGO_URL, status: "ok" },
            svg: { bytes: 20, sha256: "0", title: null, problems: [{ code: "compressed", reason: "gzip" }] },
          },
        },
      },
      findings: [{ messageId: "compressed" }],
    },
  ],
});
