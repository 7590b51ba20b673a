import type { DomainSnapshot } from "../engine/types.js";
import { finalAll } from "../spf/tree.js";
import { QUALIFIER_NAMES } from "./expectation-facts.js";

/**
 * A mailaudit.yaml that declares what DNS shows today, so that any later change is drift. Pure:
 * the snapshot (collected with DKIM selectors probed, `dkimProbe`) in, YAML text out. Strings are written as JSON
 * (valid YAML double-quoted scalars), so DNS data cannot break the file.
 */
export function initialConfig(snapshot: DomainSnapshot): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = [
    "# mailaudit.yaml: what the email-authentication DNS of these domains must keep showing.",
    `# Written by \`mailaudit init ${snapshot.domain}\` from what DNS published then; edit freely.`,
    '# Format: docs/cli.md "Config file" in the mailaudit package; rules: `mailaudit rules`.',
    "failOn: error",
    "domains:",
    `  - domain: ${q(snapshot.domain)}`,
  ];
  const found = (snapshot.dkim ?? []).filter((k) => k.status === "found").map((k) => k.selector);
  const probed = (snapshot.dkimProbe?.candidates ?? []).map((c) => c.selector);
  if (found.length > 0) {
    lines.push(
      `    # DKIM selectors found by probing common names and those seen in reports (${probed.join(", ")});`,
      "    # DNS cannot list selectors: add the ones your senders use that are not here.",
      `    dkim: { selectors: [${found.map(q).join(", ")}] }`,
    );
  } else {
    lines.push(
      "    # No DKIM key found under common selector names; list yours here:",
      "    # dkim: { selectors: [s1] }",
    );
  }
  const expect = expectations(snapshot, q);
  if (expect.length > 0) lines.push("    expect:", ...expect);
  return `${lines.join("\n")}\n`;
}

function expectations(snapshot: DomainSnapshot, q: (s: string) => string): string[] {
  const out: string[] = [];
  const dmarc = snapshot.dmarc;
  if (dmarc?.effectivePolicy) {
    const parts = [`policy: ${dmarc.effectivePolicy}`];
    if (dmarc.subdomainPolicy) parts.push(`subdomainPolicy: ${dmarc.subdomainPolicy}`);
    const rua = (dmarc.tags?.rua ?? []).filter((u) => u.valid).map((u) => q(u.uri));
    if (rua.length > 0) parts.push(`rua: [${rua.join(", ")}]`);
    out.push(`      dmarc: { ${parts.join(", ")} }`);
  }
  const tree = snapshot.spf?.tree;
  if (tree && tree.status === "ok") {
    const parts: string[] = [];
    const includes = tree.children
      .filter((c) => c.via === "include" && c.status !== "macro" && c.status !== "impossible-name")
      .map((c) => q(c.domain));
    if (includes.length > 0) parts.push(`includes: [${includes.join(", ")}]`);
    const { qualifier } = finalAll(tree);
    if (qualifier) parts.push(`all: ${QUALIFIER_NAMES[qualifier]}`);
    // RFC 7208 §4.6.4 caps the tree at 10; today's count is the budget, unless it is already over.
    if (!snapshot.spf?.lookupCountIsLowerBound)
      parts.push(`maxLookups: ${Math.min(snapshot.spf?.lookupCount ?? 0, 10)}`);
    if (parts.length > 0) out.push(`      spf: { ${parts.join(", ")} }`);
  }
  const rsaBits = (snapshot.dkim ?? []).flatMap((k) =>
    k.status === "found" && k.keyType === "rsa" && k.keyBits ? [k.keyBits] : [],
  );
  if (rsaBits.length > 0) out.push(`      dkim: { minKeyBits: ${Math.min(...rsaBits)} }`);
  return [...out, ...surroundingExpectations(snapshot, q)];
}

/** MX hosts (or sending-only for a null MX), the MTA-STS mode, TLS-RPT destinations, the BIMI logo. */
function surroundingExpectations(snapshot: DomainSnapshot, q: (s: string) => string): string[] {
  const out: string[] = [];
  const { mx, mtaSts, tlsRpt, bimi } = snapshot;
  const hosts = (mx?.records ?? []).filter((r) => r.exchange !== ".").map((r) => q(r.exchange));
  if (hosts.length > 0) out.push(`      mx: { hosts: [${hosts.join(", ")}] }`);
  else if (mx?.nullMx) out.push("      mx: { receivesMail: false }");
  const mode = mtaSts?.policy?.fetch.status === "ok" ? mtaSts.policy.mode : null;
  if (mode) out.push(`      mtaSts: { mode: ${mode} }`);
  const rua = (tlsRpt?.rua ?? []).filter((u) => u.valid).map((u) => q(u.uri));
  if (rua.length > 0) out.push(`      tlsRpt: { rua: [${rua.join(", ")}] }`);
  if (bimi?.logoUrl) {
    const authority = bimi.authority === "present" ? ", authority: true" : "";
    out.push(`      bimi: { logo: ${q(bimi.logoUrl)}${authority} }`);
  }
  return out;
}
