import { mailFromResults } from "./alignment.js";
import type { SourceFacts } from "./classify.js";
import type { RecordGroup } from "./record-groups.js";
import type { ClassBasis, ServiceMatch } from "./types.js";

/**
 * The one-line explanation of a source, written so a person can act on it:
 * `<ip> — <who>, <n> messages: <what the reports and DNS show>. <what to do>.`
 * Built from the class's facts only; the facts themselves stay in the JSON beside it.
 */

export interface SentenceInput {
  facts: SourceFacts;
  basis: ClassBasis;
  /** The group of records carrying most of the class's messages (absent for a source with none). */
  group: RecordGroup | undefined;
  groups: readonly RecordGroup[];
  service: ServiceMatch | null;
  policy: string | null;
  messages: number;
}

export function explanationSentence(input: SentenceInput): string {
  const { facts, messages } = input;
  const head = `${facts.records.ip} — ${who(input)}, ${messages} message${messages === 1 ? "" : "s"}`;
  return `${head}: ${body(input)}`;
}

function who({ facts, service }: SentenceInput): string {
  const spf = facts.spf;
  if (service) {
    if (service.via === "spf-include" && spf?.authorizedBy)
      return `${service.name} (authorized by ${spf.authorizedBy} in your SPF)`;
    const how = {
      "spf-include": "SPF include",
      dkim: "DKIM d=",
      "return-path": "return-path ",
      "reverse-dns": "reverse DNS ",
    }[service.via];
    return `${service.name} (${how}${service.evidence})`;
  }
  const rdns = facts.reverseDns;
  const name =
    rdns === null
      ? "unknown (reverse DNS not looked up)"
      : rdns.kind === "name"
        ? `${rdns.name}${rdns.confirmed === false ? " (reverse DNS, not confirmed by its address)" : ""}`
        : rdns.kind === "none"
          ? "unknown (no reverse DNS)"
          : `unknown (reverse DNS failed: ${rdns.reason})`;
  return spf?.result === "pass" && spf.authorizedBy
    ? `${name}, authorized by ${spf.authorizedBy} in your SPF`
    : name;
}

function body(input: SentenceInput): string {
  const { basis, facts } = input;
  const domain = facts.records.domain;
  switch (basis.class) {
    case "aligned": {
      const aligned = [
        basis.dkimDomain ? `DKIM d=${basis.dkimDomain}` : "",
        basis.spfDomain ? `SPF for the return-path ${basis.spfDomain}` : "",
      ].filter(Boolean);
      return basis.byReporter || aligned.length === 0
        ? "passes DMARC as the receiver evaluated it. Nothing to fix."
        : `passes DMARC (${aligned.join(" and ")} aligned with ${domain}). Nothing to fix.`;
    }
    case "forwarded":
      if (basis.via === "reported")
        return `the receiver reported it as ${basis.reasons.join(", ")}: forwarded mail. Nothing to fix in your DNS.`;
      if (basis.via === "own-signature-verified")
        return `your DKIM signature d=${basis.dkimDomain} verifies but DMARC failed, as forwarded mail does. Nothing to fix in your DNS.`;
      return `your DKIM signature d=${basis.dkimDomain} was broken on the way while ${basis.relay} authenticated as itself: a mailing list or forwarder. Nothing to fix in your DNS; the list rewriting From (or ARC) keeps such mail delivered.`;
    case "authorized-unaligned":
      return `${authenticatedAs(input)}. ${fixAlignment(input)}`;
    case "unauthorized":
      return `${notYours(input)}; receivers applied ${dispositions(input.groups)}. ${spoofingAdvice(input)}`;
    default: {
      const hint =
        basis.reason === "no-dns"
          ? "Run without --no-dns to check your SPF."
          : basis.reason === "not-an-ip"
            ? "The report names no address to check."
            : "Run again when DNS answers.";
      return `not classified (${basis.detail}): ${basis.candidates.join(" or ")}. ${hint}`;
    }
  }
}

/** "SPF passes for the return-path em123.sendgrid.net, which is not example.com, and the DKIM signature is d=sendgrid.net" */
function authenticatedAs({ group, facts }: SentenceInput): string {
  const domain = facts.records.domain;
  const spf = group ? mailFromResults(group) : [];
  const spfPass = spf.find((s) => s.result === "pass" && s.domain !== "");
  const returnPath = spfPass?.domain ?? group?.envelopeFrom ?? "";
  const spfPart = spfPass
    ? `SPF passes for the return-path ${spfPass.domain}, which is not ${domain}`
    : returnPath
      ? `SPF does not pass for the return-path ${returnPath}`
      : "no SPF result was reported";
  const dkim = group?.dkim ?? [];
  const passing = dkim.filter((d) => d.result === "pass").map((d) => `d=${d.domain}`);
  const dkimPart =
    passing.length > 0
      ? `the DKIM signature is ${passing.join(", ")}`
      : dkim.length > 0
        ? `the DKIM signature ${dkim.map((d) => `d=${d.domain}`).join(", ")} does not verify`
        : "there is no DKIM signature";
  return `${spfPart}, and ${dkimPart}`;
}

function fixAlignment({ service, facts }: SentenceInput): string {
  const domain = facts.records.domain;
  if (!service)
    return `Fix: have this sender sign with DKIM d=${domain} (or a subdomain) and use a return-path under ${domain}.`;
  const guide = service.alignmentGuide ? ` (${service.alignmentGuide})` : "";
  return `Fix: set up ${service.name}'s custom return-path and DKIM CNAMEs for ${domain}${guide}.`;
}

function notYours({ facts }: SentenceInput): string {
  const spf = facts.spf;
  const inSpf =
    spf === null
      ? "your SPF did not pass at the receiver"
      : spf.result === "permerror"
        ? `your SPF record is broken (permerror${spf.reason ? `: ${spf.reason}` : ""}) and so authorizes nothing`
        : "not in your SPF";
  return `${inSpf}, no signature of yours`;
}

function spoofingAdvice({ service, policy }: SentenceInput): string {
  const ours = service
    ? `If you do send through ${service.name}, add it to your SPF and align it; otherwise this is likely spoofing`
    : "Likely spoofing";
  if (policy === "reject") return `${ours}; nothing to fix if p=reject.`;
  return `${ours}; p=reject will refuse it once your own senders are aligned (published: p=${policy ?? "unknown"}).`;
}

function dispositions(groups: readonly RecordGroup[]): string {
  const counts = new Map<string, number>();
  for (const g of groups)
    counts.set(g.disposition || "none", (counts.get(g.disposition || "none") ?? 0) + g.messages);
  const entries = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length === 1 ? (entries[0]?.[0] ?? "none") : entries.map(([d, n]) => `${d} ${n}`).join(", ");
}
