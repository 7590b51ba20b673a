/**
 * The RFC 7208 suite through the built CLI, as an operator runs it with values pasted from a mail
 * log: `mailaudit spf <domain> --ip <host> --sender <mailfrom> --helo <helo> -f json`, each
 * scenario's DNS served on loopback as in spf-rfc7208.test.ts. The CLI must give what the function
 * gives: the same known failures (rfc7208-suite.ts), nothing refused as a usage error, and exit 0 for
 * every result but temperror (3).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";
import {
  judgeCase,
  RFC7208_EXPLANATION_FAILURES,
  RFC7208_RESULT_FAILURES,
  rfc7208Scenarios,
  type SuiteCase,
  startScenarioServer,
} from "./rfc7208-suite.js";

/** The domain a log line is about: the sender's, or the HELO name for a bounce (null reverse-path, §2.4). */
function domainOf(c: SuiteCase): string {
  return c.sender === "" ? c.helo : c.sender.slice(c.sender.lastIndexOf("@") + 1);
}

for (const scenario of rfc7208Scenarios()) {
  // Cases of a scenario run side by side (vitest's maxConcurrency): each is its own process.
  describe.concurrent(`CLI: ${scenario.title}`, () => {
    let server: FixtureServer;
    beforeAll(async () => {
      // TIMEOUT names answer SERVFAIL here (the same temperror; real timeouts are exercised by
      // spf-rfc7208.test.ts), so every other answer may take as long as a loaded machine needs.
      server = await startScenarioServer(scenario, "servfail");
    });
    afterAll(() => server.close());

    for (const c of scenario.cases) {
      const known = RFC7208_RESULT_FAILURES[c.id] ?? RFC7208_EXPLANATION_FAILURES[c.id];
      it(`${c.id}: ${c.allowed.join(" or ")}${known ? " (known failure)" : ""}`, async () => {
        const args = ["spf", domainOf(c), "--ip", c.ip, "--sender", c.sender, "--helo", c.helo];
        const run = await runCli([...args, "-r", server.address, "--timeout", "10", "-f", "json"]);
        expect(run.stderr, `mailaudit ${args.join(" ")}`).toBe("");
        const evaluation = JSON.parse(run.stdout).evaluation;
        const verdict = judgeCase(c, evaluation, RFC7208_RESULT_FAILURES, RFC7208_EXPLANATION_FAILURES);
        expect(verdict.problem).toBeUndefined();
        expect(run.exitCode).toBe(evaluation.result === "temperror" ? 3 : 0);
      });
    }
  });
}
