import { MAX_SVG_BYTES, type SvgProblemCode } from "../../src/bimi/svg-profile.js";
import { defineRule } from "../../src/engine/define-rule.js";

const MESSAGE = {
  "too-large": "tooLarge",
  compressed: "compressed",
  "not-xml": "notXml",
  "not-svg": "notSvg",
  version: "profile",
  "base-profile": "profile",
  "no-title": "noTitle",
  "root-position": "rootPosition",
  script: "script",
  animation: "animation",
  "external-reference": "externalReference",
  "forbidden-element": "forbiddenElement",
  "entity-declaration": "entityDeclaration",
} as const satisfies Record<SvgProblemCode, string>;

export default defineRule({
  meta: {
    id: "bimi/svg-profile",
    type: "problem",
    severity: "error",
    docs: {
      description:
        "The BIMI logo is SVG Tiny PS: tiny-ps profile, a title, no script, animation or external reference, at most 32 KB",
      spec: "draft-svg-tiny-ps-abrotman (SVG Tiny PS profile); draft-brand-indicators-for-message-identification (indicator validation)",
    },
    messages: {
      tooLarge: "The BIMI logo at {uri} is {value} octets, over {limit}.",
      compressed: "The BIMI logo at {uri} is gzip-compressed (svgz); receivers want plain SVG.",
      notXml: "The BIMI logo at {uri} is not an SVG file receivers can read: {reason}.",
      notSvg: "The BIMI logo at {uri} is not SVG: {reason}.",
      profile: 'The BIMI logo at {uri} has {tag}="{value}" on its root: SVG Tiny PS needs {expected}.',
      noTitle: "The BIMI logo at {uri} has no <title> (SVG Tiny PS requires the brand's name there).",
      rootPosition: "The BIMI logo at {uri} has {tag}= on its root <svg>, which SVG Tiny PS forbids.",
      script: "The BIMI logo at {uri} holds script ({reason}: <{name}> {tag}).",
      animation: "The BIMI logo at {uri} is animated (<{name}>).",
      externalReference: "The BIMI logo at {uri} refers outside itself ({name} {tag}: {value}).",
      forbiddenElement: "The BIMI logo at {uri} uses <{name}>, which SVG Tiny PS does not allow.",
      entityDeclaration: "The BIMI logo at {uri} declares XML entities in a DOCTYPE.",
    },
    remediation:
      'Export the logo as SVG Tiny PS: `<svg version="1.2" baseProfile="tiny-ps" xmlns="http://www.w3.org/2000/svg">` with a `<title>` naming the brand, shapes only (no script, animation, links, images or external references), square, under 32 KB.',
  },
  check({ snapshot, report }) {
    const logo = snapshot.bimi?.logo;
    if (!logo?.svg) return;
    for (const problem of logo.svg.problems) {
      const expected =
        problem.code === "version" ? '"1.2"' : problem.code === "base-profile" ? '"tiny-ps"' : "";
      report({
        messageId: MESSAGE[problem.code],
        data: {
          domain: snapshot.domain,
          uri: logo.url,
          name: problem.element ?? "",
          tag: problem.attribute ?? "",
          value: problem.value ?? "",
          reason: problem.reason,
          ...(problem.code === "too-large" ? { limit: MAX_SVG_BYTES } : {}),
          ...(expected ? { expected } : {}),
        },
      });
    }
  },
});
