/**
 * The built CLI against a DNS server that misbehaves on purpose (test/helpers/adversarial-dns.ts).
 * Every run must end within its time budget with the documented exit code, and never lie: a lookup
 * that failed is `dns/lookup-failed` and exit 3, never "record missing" and never a pass.
 * `npx tsc -p tsconfig.json` first: these spawn bin/mailaudit.js.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AdversarialServer,
  type Answer,
  type Behaviour,
  bulkyTxtAnswers,
  MAX_TCP_MESSAGE,
  type Question,
  startAdversarialServer,
} from "../helpers/adversarial-dns.js";
import { runCli } from "../helpers/run-cli.js";

/** Generous: a few 0.5 s timeouts with retries, on a loaded 2-core machine. Not a speed test. */
const BUDGET_MS = 20_000;
const SPF: Answer = { type: "TXT", strings: ["v=spf1 -all"] };

/** Each scenario is the first label of the audited domain; every name under it behaves that way. */
const SCENARIOS: Record<string, (q: Question) => Behaviour> = {
  garbage: () => ({ kind: "garbage" }),
  "garbage-same-id": () => ({ kind: "garbage", keepId: true, length: 300 }),
  "wrong-id": () => ({ kind: "wrong-id", answers: [SPF] }),
  "tc-hang": () => ({ kind: "truncated", tcp: "hang" }),
  "tc-close": () => ({ kind: "truncated", tcp: "close" }),
  "tc-garbage": () => ({ kind: "truncated", tcp: "garbage" }),
  slow: () => ({ kind: "slow", delayMs: 5_000, answers: [SPF] }),
  silent: () => ({ kind: "silent" }),
  servfail: () => ({ kind: "answer", rcode: "SERVFAIL" }),
  refused: () => ({ kind: "answer", rcode: "REFUSED" }),
  // A CNAME loop served as NOERROR (a broken recursive server): no data can be concluded.
  "cname-loop": (q) => ({
    kind: "answer",
    answers: [
      { type: "CNAME", target: `loop.${q.name}` },
      { type: "CNAME", name: `loop.${q.name}`, target: q.name },
    ],
  }),
  // 40 hops of CNAME, no data at the end of the chain.
  "cname-chain": (q) => ({
    kind: "answer",
    answers: Array.from({ length: 40 }, (_, i) => ({
      type: "CNAME" as const,
      name: i === 0 ? q.name : `h${i}.${q.name}`,
      target: `h${i + 1}.${q.name}`,
    })),
  }),
};

/**
 * Servers that are odd but honest: every answer is there for a client that copes. The audit must
 * end complete (no lookup failure), with SPF and DMARC read.
 */
const ODD_BUT_HONEST: Record<string, (answers: Answer[]) => Behaviour> = {
  // From before EDNS0 (RFC 6891 §7): an OPT record gets FORMERR, or no answer at all.
  "edns-formerr": (answers) => ({ kind: "no-edns", reply: "formerr", answers }),
  "edns-drop": (answers) => ({ kind: "no-edns", reply: "drop", answers }),
  // TC=1 on every UDP answer, however small: everything comes over TCP.
  "tc-always": (answers) => ({ kind: "tcp-only", answers }),
};

/** The records of an odd-but-honest domain: SPF at the apex, DMARC at _dmarc, nothing else. */
function honestAnswers(q: Question): Answer[] {
  if (q.type !== "TXT") return [];
  if (q.name.startsWith("_dmarc.")) return [{ type: "TXT", strings: ["v=DMARC1; p=reject"] }];
  return q.name.split(".").length === 2 ? [SPF] : [];
}

const SLOW_CHAIN_DEPTH = 60;

/** Scenarios where only the SPF question (TXT at the domain) fails; the rest answers normally. */
const SPF_ONLY = ["servfail", "silent", "tc-hang"] as const;

let server: AdversarialServer;
beforeAll(async () => {
  server = await startAdversarialServer((q) => {
    const [scenario = ""] = q.name.split(".");
    // "spf-<kind>.<domain>": the SPF lookup misbehaves, _dmarc answers properly.
    if (scenario.startsWith("spf-") && q.type === "TXT" && !q.name.startsWith("_dmarc."))
      return SCENARIOS[scenario.slice(4)]?.(q) ?? { kind: "answer" };
    if (q.name.startsWith("_dmarc.spf-"))
      return {
        kind: "answer",
        answers: [{ type: "TXT", strings: ["v=DMARC1; p=reject; rua=mailto:d@x.test"] }],
      };
    if (q.name.startsWith("spf-")) return { kind: "answer" };
    // Every name under a scenario's domain behaves the same way, as a consistent (if hostile)
    // authoritative server would: "loop.cname-loop.test" continues the loop it was sent to.
    const labels = q.name.replace(/^_dmarc\./, "").split(".");
    const key = SCENARIOS[labels[0] ?? ""] ? (labels[0] ?? "") : (labels.at(-2) ?? "");
    const behaviour = SCENARIOS[key];
    if (behaviour) return behaviour(q);
    const odd = ODD_BUT_HONEST[key];
    if (odd) return odd(honestAnswers(q));
    return routeSpecial(q);
  });
});
afterAll(() => server?.close());

/** The scenarios that need more than one behaviour. */
function routeSpecial(q: Question): Behaviour {
  // Parent NXDOMAIN, child with data (RFC 8020 says a resolver may then deny the child exists).
  if (q.name === "parent-nx.test" || q.name === "_dmarc.parent-nx.test")
    return { kind: "answer", rcode: "NXDOMAIN" };
  if (q.name === "child.parent-nx.test" && q.type === "TXT") return { kind: "answer", answers: [SPF] };
  if (q.name === "_dmarc.child.parent-nx.test")
    return { kind: "answer", answers: [{ type: "TXT", strings: ["v=DMARC1; p=reject"] }] };
  // A 60-deep include chain whose every answer comes just inside the timeout (0.4 s of 0.5 s).
  const hop = /^c(\d+)\.slow-chain\.test$/.exec(q.name);
  if (q.type === "TXT" && (q.name === "slow-chain.test" || hop)) {
    const next = hop ? Number(hop[1]) + 1 : 0;
    const record = next < SLOW_CHAIN_DEPTH ? `v=spf1 include:c${next}.slow-chain.test -all` : "v=spf1 -all";
    return { kind: "slow", delayMs: 400, answers: [{ type: "TXT", strings: [record] }] };
  }
  // A validating resolver's answers (AD=1) with their own TTLs.
  if (q.name === "signed.test" && q.type === "TXT")
    return { kind: "answer", authenticated: true, answers: [{ ...SPF, ttl: 1800 }] };
  if (q.name === "_dmarc.signed.test" && q.type === "TXT")
    return { kind: "answer", answers: [{ type: "TXT", strings: ["v=DMARC1; p=reject"], ttl: 60 }] };
  // An answer as large as a DNS message can be: one SPF record among ~250 TXT records of 255 octets.
  if (q.name === "huge.test" && q.type === "TXT")
    return {
      kind: "tcp-only",
      answers: bulkyTxtAnswers(MAX_TCP_MESSAGE - 2_000, ["v=spf1 ip4:192.0.2.1 -all"]),
    };
  return { kind: "answer", rcode: "NXDOMAIN" };
}

async function audit(domain: string, format = "json") {
  const result = await runCli(["check", domain, "-r", server.address, "--timeout", "0.5", "-f", format]);
  // Never a crash: no internal error, no stack trace, stderr at most one line per problem.
  expect(result.stderr).not.toMatch(/internal error/i);
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(result.elapsedMs).toBeLessThan(BUDGET_MS);
  return result;
}

function rulesOf(stdout: string): string[] {
  const doc = JSON.parse(stdout) as { domains: { findings: { rule: string }[] }[] };
  return doc.domains.flatMap((d) => d.findings.map((f) => f.rule));
}

// The cases run side by side: most of their time is spent waiting for timeouts and the time budget,
// and each asks about its own names, so none depends on another.
describe.concurrent("mailaudit check against an adversarial DNS server", () => {
  for (const scenario of Object.keys(SCENARIOS)) {
    // node:dns reads a TXT answer holding only CNAMEs (a loop, or a chain whose end is not given) as
    // ENODATA; SystemResolver follows the chain so these end inconclusive, never "missing".
    it(`${scenario}: ends in time, inconclusive (exit 3, dns/lookup-failed), never "missing"`, async () => {
      const result = await audit(`${scenario}.test`);
      expect(result.exitCode, result.stdout).toBe(3);
      const rules = rulesOf(result.stdout);
      expect(rules).toContain("dns/lookup-failed");
      expect(rules).not.toContain("spf/missing");
      expect(rules).not.toContain("dmarc/missing");
      expect(JSON.parse(result.stdout).domains[0].status).toBe("inconclusive");
    });
  }

  for (const kind of SPF_ONLY) {
    it(`only the SPF lookup fails (${kind}): DMARC is still judged, SPF is not called missing`, async () => {
      const result = await audit(`spf-${kind}.test`);
      expect(result.exitCode).toBe(3);
      const doc = JSON.parse(result.stdout);
      expect(doc.domains[0].dmarc.policy).toBe("reject");
      const rules = rulesOf(result.stdout);
      expect(rules).toContain("dns/lookup-failed");
      expect(rules).not.toContain("spf/missing");
      expect(rules).not.toContain("spf/no-all");
    });
  }

  for (const kind of Object.keys(ODD_BUT_HONEST)) {
    it(`${kind}: an odd but honest server gives a complete audit (no lookup failure)`, async () => {
      const result = await audit(`${kind}.test`);
      expect(result.exitCode, result.stdout).toBe(0);
      const doc = JSON.parse(result.stdout);
      expect(doc.domains[0].spf.record).toBe("v=spf1 -all");
      expect(doc.domains[0].dmarc.policy).toBe("reject");
      expect(doc.domains[0].lookupFailures).toEqual([]);
    });
  }

  it("reads an answer as large as a DNS message (TC over UDP, ~63 KB over TCP) and finds the one SPF record", async () => {
    const result = await audit("huge.test");
    expect([0, 1]).toContain(result.exitCode);
    const doc = JSON.parse(result.stdout);
    expect(doc.domains[0].spf.record).toBe("v=spf1 ip4:192.0.2.1 -all");
    expect(rulesOf(result.stdout)).not.toContain("dns/lookup-failed");
    expect(server.queries).toContain("tcp TXT huge.test");
  });

  it("JSON answers carry each answer's TTL and whether the resolver validated it (AD bit)", async () => {
    const result = await audit("signed.test");
    const { answers } = JSON.parse(result.stdout).domains[0];
    expect(answers).toContainEqual({
      name: "signed.test",
      type: "TXT",
      result: "ok",
      ttl: 1800,
      dnssec: "validated",
    });
    expect(answers).toContainEqual({
      name: "_dmarc.signed.test",
      type: "TXT",
      result: "ok",
      ttl: 60,
      dnssec: "not validated",
    });
  });

  it("parent NXDOMAIN with data at the child: the child's own records are used, no crash", async () => {
    const result = await audit("child.parent-nx.test");
    expect([0, 1]).toContain(result.exitCode);
    const doc = JSON.parse(result.stdout);
    expect(doc.domains[0].spf.record).toBe("v=spf1 -all");
    expect(doc.domains[0].dmarc.policy).toBe("reject");
  });

  it("SERVFAIL storm over many domains at once: all inconclusive, in time, in every text format", async () => {
    const domains = Array.from({ length: 30 }, (_, i) => `servfail.d${i}.storm`);
    // "servfail.dN.storm" routes by its first label, so every question under each fails.
    const result = await runCli([
      "check",
      ...domains,
      "-r",
      server.address,
      "--timeout",
      "0.5",
      "-f",
      "json",
    ]);
    expect(result.elapsedMs).toBeLessThan(BUDGET_MS);
    expect(result.exitCode).toBe(3);
    const doc = JSON.parse(result.stdout) as { domains: { status: string }[] };
    expect(doc.domains.map((d) => d.status)).toEqual(domains.map(() => "inconclusive"));
    for (const format of ["table", "github", "markdown", "sarif", "junit"]) {
      const formatted = await audit("servfail.test", format);
      expect(formatted.exitCode).toBe(3);
    }
  });

  // Include hops are sequential, so a chain answered inside the per-query timeout would take
  // depth × delay (60 × 0.4 s ≈ 25 s here); the per-domain budget (DeadlineResolver, 10 s) ends it.
  // The timeout (2 s) leaves each 0.4 s answer room on a loaded machine: a 0.5 s timeout turned late
  // answers into timeouts there, and the budget was never reached.
  it("a slow include chain (each answer inside the timeout) still ends within the budget", async () => {
    const result = await runCli([
      "check",
      "slow-chain.test",
      "-r",
      server.address,
      "--timeout",
      "2",
      "-f",
      "json",
    ]);
    expect(result.stderr).not.toMatch(/internal error/i);
    expect(result.elapsedMs).toBeLessThan(BUDGET_MS);
    // More than 10 lookups are already certain before the budget runs out (spf/lookup-limit, exit 1
    // wins); what the budget cut off is a lookup failure, never "missing".
    expect([1, 3]).toContain(result.exitCode);
    const failures = JSON.parse(result.stdout).domains[0].lookupFailures as { reason: string }[];
    expect(failures.map((f) => f.reason)).toContain("audit time budget of 10 s used up");
    expect(rulesOf(result.stdout)).not.toContain("spf/missing");
  }, 60_000);

  it("spf command: a failing lookup is temperror (exit 3), not none", async () => {
    for (const scenario of ["servfail", "tc-close", "garbage"]) {
      const result = await runCli([
        "spf",
        `${scenario}.test`,
        "--ip",
        "192.0.2.1",
        "-r",
        server.address,
        "--timeout",
        "0.5",
        "-f",
        "json",
      ]);
      expect(result.elapsedMs).toBeLessThan(BUDGET_MS);
      expect(result.stderr).not.toMatch(/internal error/i);
      expect(result.exitCode).toBe(3);
      expect(JSON.parse(result.stdout).evaluation.result).toBe("temperror");
    }
  });
});
