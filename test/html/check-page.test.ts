/**
 * `check -f html` in a real browser (headless Chromium from Debian): two zones checked offline (no
 * DNS server involved), one ordinary with a nested SPF include tree and DKIM keys, one whose TXT
 * records hold markup and script. What the page shows is read back from the DOM and compared with
 * `check -f json` of the same zones.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SpfNode } from "../../src/spf/types.js";
import { type Chromium, chromiumAvailable, type OpenedPage, startChromium } from "../helpers/chromium.js";
import { decodePng, inkStatistics } from "../helpers/png.js";
import { runCli } from "../helpers/run-cli.js";

interface CheckDoc {
  domains: {
    domain: string;
    status: string;
    spf?: { lookupCount: number; tree: SpfNode | null };
    dkim?: { selector: string; keyBits: number | null; status: string }[];
    findings: { rule: string; severity: string; message: string }[];
  }[];
  exitCode: number;
}

const HOSTILE_SCRIPT = `<script>alert("spf")</script>`;
const HOSTILE_ATTR = `"><img src=x onerror=alert(1)>`;
const zoneText = (s: string) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');

/** A DKIM key record's p= as zone-file character-strings (each at most 255 octets). */
function key(bits: number): string {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  const base64 = publicKey.export({ type: "spki", format: "der" }).toString("base64");
  return (base64.match(/.{1,200}/g) ?? []).map((chunk) => `"${chunk}"`).join(" ");
}

function shopZone(): string {
  return `$ORIGIN shop.test.
$TTL 300
@             IN SOA ns1 hostmaster 1 3600 600 86400 300
              IN NS  ns1
              IN MX  10 mx1
              IN TXT "v=spf1 include:_spf.shop.test include:_esp.shop.test mx -all"
ns1           IN A   192.0.2.53
mx1           IN A   192.0.2.25
_spf          IN TXT "v=spf1 ip4:192.0.2.0/24 include:_net1.shop.test include:_net2.shop.test ~all"
_net1         IN TXT "v=spf1 ip4:198.51.100.0/24 -all"
_net2         IN TXT "v=spf1 a:relay.shop.test mx:shop.test -all"
relay         IN A   198.51.100.9
_esp          IN TXT "v=spf1 ip4:203.0.113.0/24 -all"
_dmarc        IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@shop.test"
s1._domainkey IN TXT ( "v=DKIM1; k=rsa; p=" ${key(1024)} )
s2._domainkey IN TXT ( "v=DKIM1; k=rsa; p=" ${key(2048)} )
`;
}

function evilZone(): string {
  return `$ORIGIN evil.test.
$TTL 300
@             IN SOA ns1 hostmaster 1 3600 600 86400 300
              IN NS  ns1
              IN TXT "${zoneText(`v=spf1 include:_spf.evil.test ${HOSTILE_SCRIPT} -all`)}"
ns1           IN A   192.0.2.53
_spf          IN TXT "${zoneText(`v=spf1 ip4:192.0.2.1 ${HOSTILE_ATTR} -all`)}"
_dmarc        IN TXT "${zoneText(`v=DMARC1; p=none; rua=mailto:${HOSTILE_ATTR}@evil.test`)}"
s1._domainkey IN TXT "${zoneText(`v=DKIM1; p=${HOSTILE_SCRIPT}`)}"
`;
}

/** The tree in the order the page nests it (depth first), with each branch's lookups. */
function flatten(node: SpfNode): SpfNode[] {
  return [node, ...node.children.flatMap(flatten)];
}

const browserReady = chromiumAvailable();

describe.skipIf(!browserReady)("check -f html in Chromium", () => {
  let dir: string;
  let browser: Chromium;
  let doc: CheckDoc;
  let opened: OpenedPage;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mailaudit-html-check-"));
    writeFileSync(join(dir, "shop.test.zone"), shopZone());
    writeFileSync(join(dir, "evil.test.zone"), evilZone());
    const args = [
      "check",
      "shop.test",
      "evil.test",
      "--zone",
      join(dir, "shop.test.zone"),
      "--zone",
      join(dir, "evil.test.zone"),
      "--offline",
      "-s",
      "s1",
      "-s",
      "s2",
    ];
    const json = await runCli([...args, "-f", "json"]);
    const page = await runCli([...args, "-f", "html"]);
    expect(json.stderr).toBe("");
    expect(page.exitCode).toBe(json.exitCode);
    doc = JSON.parse(json.stdout) as CheckDoc;
    writeFileSync(join(dir, "check.html"), page.stdout);
    browser = await startChromium();
    opened = await browser.open(join(dir, "check.html"));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("loads nothing but itself, logs no error and draws a picture", async () => {
    expect(opened.foreignRequests).toEqual([]);
    expect(opened.refusedByPolicy).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    const ink = inkStatistics(decodePng(await opened.page.screenshot({ fullPage: true })));
    expect(ink.inkShare).toBeGreaterThan(0.03);
  });

  it("shows each domain's status and its findings by severity, with the fix, as in the JSON", async () => {
    expect(doc.domains.map((d) => d.domain)).toEqual(["shop.test", "evil.test"]);
    for (const d of doc.domains) {
      const scope = opened.page.locator(`section[data-domain="${d.domain}"]`);
      expect(await scope.locator(".domain-head [data-status]").getAttribute("data-status")).toBe(d.status);
      for (const severity of ["error", "warning", "notice", "info"]) {
        const expected = d.findings.filter((f) => f.severity === severity);
        const shown = await scope
          .locator(`ol[data-severity="${severity}"] > li`)
          .evaluateAll((lis) => lis.map((li) => li.querySelector("span")?.textContent ?? ""));
        expect(shown).toEqual(expected.map((f) => f.message));
      }
    }
    const shop = doc.domains[0];
    expect(shop?.findings.length).toBeGreaterThan(0);
    const fixes = await opened.page.locator('section[data-domain="shop.test"] .fix').count();
    expect(fixes).toBeGreaterThan(0);
  });

  it("shows the SPF include tree with every branch's lookups, folding without script", async () => {
    const spf = doc.domains[0]?.spf;
    const tree = spf?.tree;
    if (!tree) throw new Error("shop.test has no SPF tree");
    const nodes = flatten(tree);
    expect(nodes.length).toBeGreaterThanOrEqual(5);
    const scope = opened.page.locator('section[data-domain="shop.test"] .spf-tree');
    const shown = await scope.locator("details").evaluateAll((ds) =>
      ds.map((d) => ({
        lookups: Number(d.getAttribute("data-lookups")),
        label: d.querySelector(":scope > summary > code")?.textContent ?? "",
        counts: d.querySelector(":scope > summary > .lookups")?.textContent ?? "",
      })),
    );
    expect(shown.map((s) => s.lookups)).toEqual(nodes.map((n) => n.subtreeLookups));
    expect(shown.map((s) => s.label)).toEqual(nodes.map((n) => n.term ?? n.domain));
    expect(shown.map((s) => s.counts)).toEqual(
      nodes.map((n) => `${n.ownLookups} here, ${n.subtreeLookups - n.ownLookups} below`),
    );
    expect(shown[0]?.lookups).toBe(spf.lookupCount);
    // A reader folds a branch by clicking it: its records below disappear; a second click shows them.
    const branch = scope.locator("details details").first();
    const inner = branch.locator("details").first();
    expect(await inner.isVisible()).toBe(true);
    await branch.locator(":scope > summary").click();
    expect(await branch.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await inner.isVisible()).toBe(false);
    await branch.locator(":scope > summary").click();
    expect(await inner.isVisible()).toBe(true);
  });

  it("lists the DKIM keys with their size", async () => {
    const keys = doc.domains[0]?.dkim ?? [];
    const rows = await opened.page
      .locator('section[data-domain="shop.test"] table[data-table="dkim"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
      );
    expect(rows.map((r) => r[0])).toEqual(keys.map((k) => k.selector));
    expect(rows.map((r) => r[2])).toEqual(keys.map((k) => `rsa ${k.keyBits} bits`));
    expect(keys.map((k) => k.keyBits)).toEqual([1024, 2048]);
  });

  it("shows TXT records holding markup and script as text: no dialog, no element, no handler from DNS", async () => {
    expect(opened.dialogs).toEqual([]);
    const dom = await opened.page.evaluate(() => ({
      scripts: document.querySelectorAll("script").length,
      images: document.querySelectorAll("img").length,
      handlers: [...document.querySelectorAll("*")].flatMap((e) =>
        [...e.attributes].filter((a) => a.name.startsWith("on")).map((a) => a.name),
      ),
      text: document.querySelector('section[data-domain="evil.test"]')?.textContent ?? "",
    }));
    expect(dom).toMatchObject({ scripts: 0, images: 0, handlers: [] });
    expect(dom.text).toContain(`v=spf1 include:_spf.evil.test ${HOSTILE_SCRIPT} -all`);
    expect(dom.text).toContain(HOSTILE_ATTR);
  });
});
