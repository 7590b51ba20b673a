/**
 * Our two replacements inside mailauth's SPF evaluator (src/spf/mailauth-replacements.ts, why:
 * patches/README.md), through the built CLI: bin/mailaudit.js runs the bundle, where
 * scripts/bundle-cli.ts builds them into mailauth's files instead of the module-cache swap the
 * function-level tests (test/spf/mailauth-spf.test.ts) go through. Each case gives a different
 * result with mailauth 7.1.0's own syntax check or macro expander, so a bundle that quietly shipped
 * those fails here.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, startFixtureServer } from "../helpers/dns-server.js";
import { runCli } from "../helpers/run-cli.js";

let silent: FixtureServer;
let dir: string;
beforeAll(async () => {
  // Every name asked is in the zone file; a question reaching this server would be a test bug.
  silent = await startFixtureServer({ zones: [] });
  dir = mkdtempSync(join(tmpdir(), "mailaudit-spf-replacements-"));
});
afterAll(async () => {
  await silent.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `mailaudit spf t.example --ip 192.0.2.1 --sender <sender>` with `record` at t.example. */
async function spfThroughCli(name: string, record: string, extra: string[], sender: string) {
  const zone = join(dir, `${name}.zone`);
  writeFileSync(
    zone,
    ["$ORIGIN example.", "@ SOA ns hostmaster 1 3600 600 86400 300", `t TXT "${record}"`, ...extra, ""].join(
      "\n",
    ),
  );
  const args = ["spf", "t.example", "--zone", zone, "--ip", "192.0.2.1", "--sender", sender];
  const run = await runCli([...args, "-r", silent.address, "-f", "json"]);
  expect(run.stderr).toBe("");
  expect(silent.queries).toEqual([]);
  return { exitCode: run.exitCode, evaluation: JSON.parse(run.stdout).evaluation };
}

describe("spf --ip through the bundle evaluates with our parser and macro expansion", () => {
  it("our parser decides syntax: foo=%{c} is permerror (mailauth's own check lets it pass: fail)", async () => {
    const { exitCode, evaluation } = await spfThroughCli("syntax", "v=spf1 foo=%{c} -all", [], "a@t.example");
    expect(evaluation.result).toBe("permerror");
    expect(evaluation.explanation).toContain('invalid term "foo=%{c}"');
    expect(exitCode).toBe(0);
  });

  it.each([
    {
      why: "%{l.-+} splits on all three delimiters (mailauth's expander throws: temperror)",
      name: "dot-dash-plus",
      record: "v=spf1 exists:%{l.-+}.ok.example -all",
      target: "a.b.ok A 127.0.0.2",
      sender: "a-b@t.example",
    },
    {
      why: "%{l/-=} splits at '-' and not at digits (mailauth's splits ab1-cd at the 1: fail)",
      name: "slash-dash-equals",
      record: "v=spf1 exists:%{l/-=}.ok.example -all",
      target: "ab1.cd.ok A 127.0.0.2",
      sender: "ab1-cd@t.example",
    },
  ])("$why", async ({ name, record, target, sender }) => {
    const { evaluation } = await spfThroughCli(name, record, [target], sender);
    expect(evaluation.result).toBe("pass");
  });
});
