/**
 * The SPF grammar bugs that differential testing against pyspf found, each as a named case run
 * end to end: `mailaudit check` (our parser and static walker) and `mailaudit spf --ip`
 * (check_host) against the same records (fixtures/zones/spf-grammar.zone) on a loopback DNS
 * server. Each case failed before its fix.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";
import { SPF_FAULTS, spfZones } from "./zones.js";

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({ zones: spfZones(), faults: SPF_FAULTS });
});
afterAll(() => server.close());

interface Finding {
  rule: string;
  messageId: string;
  data: Record<string, unknown>;
}
interface CheckDoc {
  domains: {
    status: string;
    findings: Finding[];
    spf: { tree: { lookupTerms: Record<string, unknown>[] } };
  }[];
}

async function check(name: string): Promise<{ exitCode: number | null; doc: CheckDoc; rules: string[] }> {
  const result = await runCli([
    "check",
    `${name}.grammar.example`,
    "-r",
    server.address,
    "--timeout",
    "2",
    "-f",
    "json",
  ]);
  const doc = JSON.parse(result.stdout) as CheckDoc;
  return { exitCode: result.exitCode, doc, rules: doc.domains[0]?.findings.map((f) => f.rule) ?? [] };
}

async function checkHost(
  name: string,
  ...args: string[]
): Promise<{ exitCode: number | null; result: string }> {
  const cli = await runCli([
    "spf",
    `${name}.grammar.example`,
    "--ip",
    "192.0.2.1",
    ...args,
    "-r",
    server.address,
    "--timeout",
    "2",
    "-f",
    "json",
  ]);
  return { exitCode: cli.exitCode, result: JSON.parse(cli.stdout).evaluation.result };
}

describe("1. macro delimiters with '-' between two others (RFC 7208 §7.1)", () => {
  it("%{d1r.-+} splits on '.', '-' and '+': pass, not temperror (mailauth: Range out of order)", async () => {
    expect(await checkHost("a-b")).toEqual({ exitCode: 0, result: "pass" });
  });

  it("%{l/-=} splits on '/', '-' and '=', never on the digits between them: pass, not fail", async () => {
    expect(await checkHost("dash-local", "--sender", "ab1-cd@dash-local.grammar.example")).toEqual({
      exitCode: 0,
      result: "pass",
    });
  });
});

describe("2. a domain-spec may end in a macro-expand (§7.1 domain-end)", () => {
  it("check: exists:%{d}%%, %{d}%_ and %{d}%- are valid; spf --ip agrees", async () => {
    const { rules, exitCode } = await check("ends-in-escape");
    expect(rules).not.toContain("spf/syntax");
    expect(exitCode).toBe(0);
    expect((await checkHost("ends-in-escape")).result).toBe("fail");
  });
});

describe("3. a/mx split off only a trailing /digits (§5.3, §5.4, §7.1)", () => {
  it("check: a:slash/ok.grammar.example/24 is the host slash/ok.grammar.example with /24", async () => {
    const { rules } = await check("slash");
    expect(rules).not.toContain("spf/syntax");
    expect((await checkHost("slash")).result).toBe("fail");
  });
});

describe("4. the static walker never queries a name holding a macro-expand", () => {
  it("check: exists:%%.ok.grammar.example is not sent to DNS: no dns/lookup-failed, exit 0", async () => {
    const { rules, exitCode, doc } = await check("percent");
    expect(rules).not.toContain("dns/lookup-failed");
    expect(exitCode).toBe(0);
    expect(doc.domains[0]?.spf.tree.lookupTerms).toEqual([
      { term: "exists:%%.ok.grammar.example", void: false, macro: true },
    ]);
  });
});

describe("5. an impossible name is a definite answer, never inconclusive", () => {
  for (const name of ["empty-label", "long-label"]) {
    it(`check ${name}: spf/impossible-name, exit 1 (not 3); spf --ip: fail, exit 0`, async () => {
      const { rules, exitCode, doc } = await check(name);
      expect(rules).toContain("spf/impossible-name");
      expect(rules).not.toContain("dns/lookup-failed");
      expect(doc.domains[0]?.status).toBe("fail");
      expect(exitCode).toBe(1);
      // RFC 7208 suite invalid-domain-empty-label / invalid-domain-long: fail or permerror.
      expect(await checkHost(name)).toEqual({ exitCode: 0, result: "fail" });
    });
  }

  it("an include of an impossible name: check reports permerror, spf --ip gives permerror", async () => {
    const { doc, exitCode } = await check("bad-include");
    const finding = doc.domains[0]?.findings.find((f) => f.rule === "spf/impossible-name");
    expect(finding?.messageId).toBe("permerror");
    expect(exitCode).toBe(1);
    expect(await checkHost("bad-include")).toEqual({ exitCode: 0, result: "permerror" });
  });
});

describe("6. one grammar for check and spf --ip: c, r, t only in exp text (§7.2)", () => {
  it("foo=%{c}: check says spf/syntax, spf --ip says permerror", async () => {
    const { rules } = await check("exp-letter");
    expect(rules).toContain("spf/syntax");
    expect(await checkHost("exp-letter")).toEqual({ exitCode: 0, result: "permerror" });
  });
});
