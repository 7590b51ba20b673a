import { defineFetchRule } from "../../src/rule-kits/fetch-rule.js";

export default defineFetchRule({
  id: "bimi/logo-fetch",
  description:
    "The BIMI logo (l=) can be fetched over HTTPS: valid certificate, status 200, no redirect, at most 64 KB",
  spec: "draft-brand-indicators-for-message-identification (l= and indicator retrieval)",
  remediation:
    "Serve the SVG at the l= URL over HTTPS with a valid certificate for its host, status 200 and no redirect (receivers do not follow them).",
  what: "The BIMI logo",
  select: (snapshot) => snapshot.bimi?.logo?.fetch,
});
