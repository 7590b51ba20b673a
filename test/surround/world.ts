/**
 * The world of the MX / MTA-STS / TLS-RPT / BIMI end-to-end tests: the fixture DNS server answering
 * `fixtures/zones/surround.zone`, and a real HTTPS server on loopback (test CA made at start-up)
 * serving the policies and logos. The CLI reaches the server through our resolver's answer
 * (127.0.0.1) and `MAILAUDIT_TEST_HTTPS_PORT`.
 */
import type { BimiAudit } from "../../src/bimi/types.js";
import type { MtaStsAudit } from "../../src/mta-sts/types.js";
import type { MxAudit } from "../../src/mx/types.js";
import type { TlsRptAudit } from "../../src/tls-rpt/types.js";
import { type FixtureServer, loadZoneFile, startFixtureServer } from "../helpers/dns-server.js";
import { type HttpsAnswer, type HttpsLab, startHttpsServer } from "../helpers/https-server.js";
import { runCli } from "../helpers/run-cli.js";

export const ZONE = "fixtures/zones/surround.zone";
export const POLICY_PATH = "/.well-known/mta-sts.txt";

export const GOOD_POLICY =
  "version: STSv1\nmode: enforce\nmx: mx1.good.surround.test\nmx: *.good.surround.test\nmax_age: 604800\n";
export const GOOD_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" viewBox="0 0 64 64"><title>Good</title><rect width="64" height="64" fill="#036"/></svg>';
const SCRIPT_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.2" baseProfile="tiny-ps"><title>Weak</title><script>alert(document.cookie)</script><use xlink:href="https://tracker.example.net/pixel.svg#a"/></svg>';

/** A policy whose mode and mx values carry terminal controls: shown escaped, kept exact in JSON. */
export const HOSTILE_POLICY =
  "version: STSv1\nmode: enforce\u001b[2J\nmx: mx.hostile.surround.test\u202e\nmax_age: 604800\n";

const text = (body: string): HttpsAnswer => ({ body, headers: { "content-type": "text/plain" } });

/** What the HTTPS server answers, by host and path; tests may change an entry between runs. */
export function answers(): Record<string, HttpsAnswer> {
  return {
    [`mta-sts.good.surround.test${POLICY_PATH}`]: text(GOOD_POLICY),
    [`mta-sts.weak.surround.test${POLICY_PATH}`]: text(
      "version: STSv1\nmode: testing\nmx: mx1.weak.surround.test\nmax_age: 86400\n",
    ),
    [`mta-sts.redirect.surround.test${POLICY_PATH}`]: {
      status: 301,
      headers: { location: `https://mta-sts.good.surround.test${POLICY_PATH}` },
    },
    [`mta-sts.badcert.surround.test${POLICY_PATH}`]: text(GOOD_POLICY),
    [`mta-sts.big.surround.test${POLICY_PATH}`]: text(
      `${GOOD_POLICY}${"x-pad: 0123456789abcdef\n".repeat(3000)}`,
    ),
    [`mta-sts.slow.surround.test${POLICY_PATH}`]: { ...text(GOOD_POLICY), stallMs: 30_000 },
    // The web server is hostile too: its policy carries an escape sequence and a bidi override.
    [`mta-sts.hostile.surround.test${POLICY_PATH}`]: text(HOSTILE_POLICY),
    "brand.surround.test/good.svg": { body: GOOD_SVG, headers: { "content-type": "image/svg+xml" } },
    "brand.surround.test/script.svg": { body: SCRIPT_SVG, headers: { "content-type": "image/svg+xml" } },
  };
}

export interface SurroundWorld {
  dns: FixtureServer;
  https: HttpsLab;
  served: Record<string, HttpsAnswer>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<SurroundWorld> {
  const served = answers();
  const hosts = ["good", "weak", "redirect", "big", "slow", "hostile"].map(
    (d) => `mta-sts.${d}.surround.test`,
  );
  const [dns, https] = await Promise.all([
    startFixtureServer({ zones: [loadZoneFile(ZONE)] }),
    startHttpsServer(
      {
        ...Object.fromEntries(hosts.map((h) => [h, {}])),
        "mta-sts.badcert.surround.test": { certificate: "other-ca" },
        "brand.surround.test": {},
      },
      served,
    ),
  ]);
  return {
    dns,
    https,
    served,
    async close() {
      await Promise.all([dns.close(), https.close()]);
    },
  };
}

/** One domain of `check -f json`, as far as these tests read it. */
export interface DomainJson {
  domain: string;
  status: string;
  mx: MxAudit;
  mtaSts: MtaStsAudit;
  tlsRpt: TlsRptAudit;
  bimi: BimiAudit;
  findings: JsonFinding[];
}

export interface JsonFinding {
  rule: string;
  severity: string;
  messageId: string;
  message: string;
  data: Record<string, string | number>;
}

/** Runs the built CLI against the world, with the HTTPS port for loopback addresses. */
export function runAgainst(
  world: SurroundWorld,
  args: string[],
  options: { env?: Record<string, string>; ca?: "flag" | "env" | "none"; timeout?: string } = {},
) {
  const ca = options.ca ?? "flag";
  return runCli(
    [
      ...args,
      ...(args.includes("--offline") ? [] : ["-r", world.dns.address]),
      "--timeout",
      options.timeout ?? "5",
      ...(ca === "flag" ? ["--https-ca", world.https.caFile] : []),
    ],
    {
      env: {
        MAILAUDIT_TEST_HTTPS_PORT: String(world.https.port),
        ...(ca === "env" ? { NODE_EXTRA_CA_CERTS: world.https.caFile } : {}),
        ...options.env,
      },
    },
  );
}

/** `check -f json` for the domains (under surround.test), read back per domain. */
export async function checkJson(
  world: SurroundWorld,
  names: string[],
  options: Parameters<typeof runAgainst>[2] & { extra?: string[] } = {},
) {
  const result = await runAgainst(
    world,
    ["check", ...names.map((n) => `${n}.surround.test`), "-f", "json", ...(options.extra ?? [])],
    options,
  );
  const doc = JSON.parse(result.stdout) as { domains: DomainJson[]; exitCode: number };
  const domain = (name: string) => {
    const entry = doc.domains.find((d) => d.domain === `${name}.surround.test`);
    if (!entry) throw new Error(`no ${name} in the output: ${result.stderr}`);
    return {
      entry,
      of: (rule: string) => entry.findings.filter((f) => f.rule === rule),
      rules: (prefix: RegExp) =>
        entry.findings.filter((f) => prefix.test(f.rule)).map((f) => `${f.rule} ${f.messageId}`),
    };
  };
  return { result, doc, domain };
}
