import { afterEach, describe, expect, it } from "vitest";
import { SystemResolver } from "../../src/dns/system-resolver.js";
import { type AdversarialServer, startAdversarialServer } from "../helpers/adversarial-dns.js";

let server: AdversarialServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const names = (count: number) => Array.from({ length: count }, (_, i) => `q${i}.cap.example`);

/** Resolves once `check` holds, polling; the bound only stops a broken run from hanging. */
async function until(check: () => boolean, boundMs = 5000): Promise<void> {
  const stop = Date.now() + boundMs;
  while (!check() && Date.now() < stop) await new Promise((r) => setTimeout(r, 10));
}

describe("SystemResolver caps the questions in flight", () => {
  it("sends no more than maxInFlight questions while none is answered, and cancel() drops the rest", async () => {
    const live = await startAdversarialServer(() => ({ kind: "silent" }));
    server = live;
    // A timeout far beyond the test: every question the server sees stays unanswered (in flight).
    const resolver = new SystemResolver({
      servers: [live.address],
      timeoutMs: 60_000,
      tries: 1,
      maxInFlight: 4,
    });
    const answers = Promise.all(names(12).map((name) => resolver.query(name, "A")));
    await until(() => live.queries.length >= 4);
    // Give any question the cap failed to hold back the chance to arrive.
    await new Promise((r) => setTimeout(r, 200));
    expect(live.queries).toHaveLength(4);
    resolver.cancel();
    const settled = await answers;
    expect(settled.every((a) => a.kind === "temperror")).toBe(true);
    // The eight that waited for a slot were never sent.
    expect(live.queries).toHaveLength(4);
  });

  it("asks every queued question once a slot frees, and answers each", async () => {
    const live = await startAdversarialServer(() => ({
      kind: "answer",
      answers: [{ type: "A", address: "192.0.2.7" }],
    }));
    server = live;
    const resolver = new SystemResolver({
      servers: [live.address],
      timeoutMs: 5000,
      tries: 1,
      maxInFlight: 3,
    });
    const answers = await Promise.all(names(30).map((name) => resolver.query(name, "A")));
    expect(answers).toEqual(
      Array.from({ length: 30 }, () => ({
        kind: "ok",
        records: ["192.0.2.7"],
        ttl: 300,
        dnssec: "not validated",
      })),
    );
    expect(new Set(live.queries).size).toBe(30);
  });
});
