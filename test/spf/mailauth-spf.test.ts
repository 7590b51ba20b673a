/**
 * mailauth's SPF evaluator runs with our parser and our macro expansion (src/spf/mailauth-spf.ts).
 * These tests hold both halves of that arrangement true: the replacements are what the evaluator
 * uses, and the installed mailauth still has the bug they work around (when an upgrade fixes it,
 * the canary fails: drop the macro replacement and patches/README.md's note).
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { toMailauthResolver } from "../../src/dns/mailauth-adapter.js";
import { parseZoneFile } from "../../src/dns/zone-file.js";
import { ZoneSet } from "../../src/dns/zone-records.js";
import { ZoneResolver } from "../../src/dns/zone-resolver.js";
import { MAILAUTH_FILES } from "../../src/spf/mailauth-module-cache.js";
import { loadMailauthSpf } from "../../src/spf/mailauth-spf.js";

const require = createRequire(import.meta.url);

/** check_host of `record` at t.example, with `extra` zone lines beside it, through the `--zone` resolver. */
async function evaluate(record: string, extra: string[] = [], sender = "a-b@t.example") {
  const spf = await loadMailauthSpf();
  const zone = parseZoneFile(
    ["$ORIGIN example.", "@ SOA ns hostmaster 1 3600 600 86400 300", `t TXT "${record}"`, ...extra].join(
      "\n",
    ),
  );
  const resolver = toMailauthResolver(new ZoneResolver(new ZoneSet([zone]), "assume-absent"));
  const response = await spf({ ip: "192.0.2.1", sender, mta: "mx.test", resolver, strict: true });
  return response.status;
}

describe("mailauth's SPF evaluator with our parser and macro expansion", () => {
  it("our parser decides syntax: foo=%{c} is permerror, though mailauth's own check lets it pass", async () => {
    const status = await evaluate("v=spf1 foo=%{c} -all");
    expect(status.result).toBe("permerror");
    expect(status.comment).toContain('invalid term "foo=%{c}"');
  });

  it("our parser decides syntax the other way too: a valid record is evaluated", async () => {
    expect((await evaluate("v=spf1 exists:%{d}%_ ip4:192.0.2.1 -all")).result).toBe("pass");
  });

  it("our expansion builds the names: %{l.-+} splits on all three delimiters", async () => {
    const status = await evaluate("v=spf1 exists:%{l.-+}.ok.example -all", ["a.b.ok A 127.0.0.2"]);
    expect(status.result).toBe("pass");
  });
});

describe("the installed mailauth (canary)", () => {
  it("still throws on %{d.-+}: its character class leaves '-' unescaped (patches/README.md)", () => {
    const cached = require.cache[MAILAUTH_FILES.macro];
    delete require.cache[MAILAUTH_FILES.macro];
    try {
      const upstreamMacro = require(MAILAUTH_FILES.macro) as (input: string, values: object) => string;
      expect(() => upstreamMacro("%{d.-+}", { domain: "a-b.example", ip: "192.0.2.1" })).toThrow(
        /Range out of order/,
      );
    } finally {
      if (cached) require.cache[MAILAUTH_FILES.macro] = cached;
    }
  });
});
