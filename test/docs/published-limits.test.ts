/**
 * Every limit SECURITY.md (and README/docs) publishes is the limit the code enforces: each figure
 * marker there is compared with the constant, or found by probing the function that enforces it at
 * its boundary.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { parseMaxSize } from "../../src/cli/commands/reports-options.js";
import { parseTimeoutSeconds, validateConcurrency } from "../../src/cli/option-parsers.js";
import { parseConfig } from "../../src/config/parse-config.js";
import { treeWalkNames } from "../../src/dmarc/org-domain.js";
import { MAX_CNAME_HOPS } from "../../src/dns/cname-chain.js";
import { domainBudgetMs } from "../../src/dns/deadline-resolver.js";
import {
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_QUERY_TIMEOUT_MS,
  DEFAULT_TRIES,
} from "../../src/dns/system-resolver.js";
import { MAX_MIME_NESTING } from "../../src/reports/email.js";
import { TRAILING_GARBAGE_RETRY_LIMIT } from "../../src/reports/gunzip.js";
import { DEFAULT_MAX_MB, limitsForMegabytes } from "../../src/reports/limits.js";
import { READY_SOURCE_PERCENT } from "../../src/sources/readiness.js";
import { MAX_TREE_NODES } from "../../src/spf/collect.js";
import { DEFAULT_BUSY_TIMEOUT_SECONDS } from "../../src/store/busy-timeout.js";
import { PATHOLOGICAL_MAX_LENGTH, PER_INPUT_BOUND_MS } from "../fuzz/fuzz-kit.js";
import { expectPublishedFigures, REPO_DIR } from "../helpers/doc-figures.js";
import { runCli } from "../helpers/run-cli.js";

/** The largest value `accepts` takes, given that it takes `low` and refuses everything past the answer. */
function largestAccepted(accepts: (n: number) => boolean, low: number, high: number): number {
  expect(accepts(low)).toBe(true);
  expect(accepts(high)).toBe(false);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (accepts(middle)) low = middle;
    else high = middle;
  }
  // Whole numbers found; a bound such as "at most 300" must also refuse anything just past it.
  expect(accepts(low + 0.001)).toBe(false);
  return low;
}

const succeeds = (action: () => unknown) => {
  try {
    action();
    return true;
  } catch {
    return false;
  }
};

const thousands = (n: number) => n.toLocaleString("en-US");

describe("SECURITY.md's limits are the code's", () => {
  it("DNS: per-query timeout (command line and config), tries, CNAME hops, budget, DMARC walk", () => {
    const optionMax = largestAccepted((n) => succeeds(() => parseTimeoutSeconds(String(n))), 1, 100_000);
    const configMax = largestAccepted(
      (n) =>
        succeeds(() =>
          parseConfig(`timeout: ${n}\ndomains: [example.com]\n`, {
            source: "mailaudit.yaml",
            knownRuleIds: new Set(Object.keys(RULES)),
          }),
        ),
      1,
      100_000,
    );
    expect(configMax).toBe(optionMax);
    const longName = Array.from({ length: 40 }, (_, i) => `l${i}`).join(".");
    expectPublishedFigures({
      "security.dnsTimeout.default": DEFAULT_QUERY_TIMEOUT_MS / 1000,
      "security.dnsTimeout.max": optionMax,
      "security.dnsTries": DEFAULT_TRIES,
      // One follower for answers, zone files and DKIM delegations (src/dns/cname-chain.ts).
      "security.cnameHops": MAX_CNAME_HOPS,
      "security.domainBudget.minSeconds": domainBudgetMs(1) / 1000,
      "security.domainBudget.timeouts": domainBudgetMs(1_000_000) / 1_000_000,
      "security.dmarcWalkQueries": treeWalkNames(longName).length,
      "security.spfTreeNodes": MAX_TREE_NODES,
    });
  });

  it("domains at once: --concurrency's default (from --help) and its largest accepted value", async () => {
    const help = await runCli(["check", "--help"]);
    const defaultConcurrency = /--concurrency <n>\s+domains audited at once \(default: "(\d+)"\)/.exec(
      help.stdout.replace(/\s+/g, " "),
    )?.[1];
    expect(defaultConcurrency).toBeDefined();
    expectPublishedFigures({
      "security.concurrency.default": Number(defaultConcurrency),
      "security.concurrency.max": largestAccepted(
        (n) => Number.isInteger(n) && succeeds(() => validateConcurrency(String(n))),
        1,
        1_000_000,
      ),
    });
  });

  it("reports: size cap, zip entries, nesting; the store's busy timeout", () => {
    const limits = limitsForMegabytes(DEFAULT_MAX_MB);
    expectPublishedFigures({
      "security.maxSize.default": DEFAULT_MAX_MB,
      "security.maxSize.max": largestAccepted((n) => succeeds(() => parseMaxSize(String(n))), 1, 1_000_000),
      "security.zipEntries": thousands(limits.maxZipEntries),
      "security.containerDepth": limits.maxDepth,
      "security.mimeNesting": MAX_MIME_NESTING,
      "security.busyTimeout": DEFAULT_BUSY_TIMEOUT_SECONDS,
    });
  });

  it("property tests: the longest generated input and the bound on one parse", () => {
    expectPublishedFigures({
      "security.fuzzMaxInputChars": PATHOLOGICAL_MAX_LENGTH,
      "security.fuzzInputBoundSeconds": PER_INPUT_BOUND_MS / 1000,
    });
  });
});

describe("other limits and versions README.md and docs/ publish", () => {
  it("the DNS in-flight cap, report limits, the readiness threshold, mailauth's version", () => {
    const pkg = JSON.parse(readFileSync(join(REPO_DIR, "package.json"), "utf8"));
    expectPublishedFigures({
      "dns.maxInFlight": DEFAULT_MAX_IN_FLIGHT,
      "reports.trailingGarbageRetryMb": TRAILING_GARBAGE_RETRY_LIMIT / (1024 * 1024),
      "reports.readySourcePercent": READY_SOURCE_PERCENT,
      "deps.mailauth": pkg.dependencies.mailauth,
    });
  });
});
