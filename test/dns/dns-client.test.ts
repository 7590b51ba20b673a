/**
 * The DNS client (`SystemResolver`, src/dns/wire/) on the wire, against servers on loopback that
 * record what they receive: EDNS0, truncation, servers that do not speak EDNS0, forged answers,
 * random IDs and ports, names with any octet, empty TXT RRs, TTLs, the AD bit, failover, IPv6.
 */
import { createSocket } from "node:dgram";
import { decode, encode } from "dns-packet";
import { afterEach, describe, expect, it } from "vitest";
import { SystemResolver } from "../../src/dns/system-resolver.js";
import {
  type AdversarialServer,
  type Answer,
  type Behaviour,
  bulkyTxtAnswers,
  type Question,
  startAdversarialServer,
} from "../helpers/adversarial-dns.js";

const SPF: Answer = { type: "TXT", strings: ["v=spf1 -all"] };
const servers: AdversarialServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(behaviour: (q: Question) => Behaviour): Promise<AdversarialServer> {
  const server = await startAdversarialServer(behaviour);
  servers.push(server);
  return server;
}

function client(server: AdversarialServer | string, options: { timeoutMs?: number; tries?: number } = {}) {
  const address = typeof server === "string" ? server : server.address;
  return new SystemResolver({
    servers: [address],
    timeoutMs: options.timeoutMs ?? 1000,
    tries: options.tries ?? 2,
  });
}

describe("EDNS0 and truncation", () => {
  it("offers a 1232-octet buffer, so a 1000-octet answer comes in one UDP exchange", async () => {
    const server = await serve(() => ({ kind: "answer", answers: bulkyTxtAnswers(1000, ["v=spf1 -all"]) }));
    const answer = await client(server).query("big.example", "TXT");
    expect(answer.kind).toBe("ok");
    expect(server.received.map((q) => [q.transport, q.edns])).toEqual([["udp", true]]);
  });

  it("asks again over TCP when the answer is truncated (over 1232 octets)", async () => {
    const answers = bulkyTxtAnswers(4000, ["v=spf1 -all"]);
    const server = await serve(() => ({ kind: "tcp-only", answers }));
    const answer = await client(server).query("huge.example", "TXT");
    expect(answer.kind === "ok" && answer.records.length).toBe(answers.length);
    expect(server.received.map((q) => q.transport)).toEqual(["udp", "tcp"]);
  });

  it("a server that sets TC on every UDP answer: every question is answered over TCP", async () => {
    const server = await serve(() => ({ kind: "tcp-only", answers: [SPF] }));
    const resolver = client(server);
    const answers = await Promise.all(["a", "b", "c"].map((l) => resolver.query(`${l}.example`, "TXT")));
    expect(answers.map((a) => a.kind)).toEqual(["ok", "ok", "ok"]);
    expect(server.received.filter((q) => q.transport === "tcp")).toHaveLength(3);
  });

  it("a server that answers FORMERR to EDNS0 is asked plainly, at once and from then on", async () => {
    const server = await serve(() => ({ kind: "no-edns", reply: "formerr", answers: [SPF] }));
    const resolver = client(server);
    expect(await resolver.query("one.example", "TXT")).toMatchObject({
      kind: "ok",
      records: [["v=spf1 -all"]],
    });
    expect(await resolver.query("two.example", "TXT")).toMatchObject({ kind: "ok" });
    expect(server.received.map((q) => [q.name, q.edns])).toEqual([
      ["one.example", true],
      ["one.example", false],
      ["two.example", false],
    ]);
  });

  it("a server that drops EDNS0 queries: the retry goes plain, and later questions are plain", async () => {
    const server = await serve(() => ({ kind: "no-edns", reply: "drop", answers: [SPF] }));
    const resolver = client(server, { timeoutMs: 300 });
    expect(await resolver.query("one.example", "TXT")).toMatchObject({ kind: "ok" });
    expect(await resolver.query("two.example", "TXT")).toMatchObject({ kind: "ok" });
    expect(server.received.map((q) => [q.name, q.edns])).toEqual([
      ["one.example", true],
      ["one.example", false],
      ["two.example", false],
    ]);
  });
});

describe("spoofing resistance (RFC 5452)", () => {
  it("ignores answers under a wrong ID, for another question, or from another port", async () => {
    const forged: Answer[] = [{ type: "TXT", strings: ["v=spf1 +all"] }];
    const server = await serve(() => ({ kind: "spoofed", forged, answers: [SPF], delayMs: 50 }));
    expect(await client(server).query("bank.example", "TXT")).toMatchObject({
      kind: "ok",
      records: [["v=spf1 -all"]],
    });
  });

  it("uses random IDs and changes its source port as it goes", async () => {
    const server = await serve(() => ({ kind: "answer", answers: [SPF] }));
    const resolver = client(server);
    await Promise.all(Array.from({ length: 200 }, (_, i) => resolver.query(`n${i}.example`, "TXT")));
    const ids = new Set(server.received.map((q) => q.id));
    const ports = new Set(server.received.map((q) => q.port));
    // 200 draws from 65,536 IDs: a repeat or two is chance; a counter or a constant is not random.
    expect(ids.size).toBeGreaterThan(190);
    const sorted = server.received.map((q) => q.id);
    expect(sorted.every((id, i) => i === 0 || id !== (sorted[i - 1] as number) + 1)).toBe(true);
    // A fresh socket (a new ephemeral port chosen by the kernel) every 64 queries.
    expect(ports.size).toBeGreaterThanOrEqual(3);
  });
});

describe("sending", () => {
  it("sends the questions of one event-loop turn together once it has read its answers: one cancelled in the same turn never leaves", async () => {
    const server = await serve((q) =>
      q.name.startsWith("warm") ? { kind: "answer", answers: [SPF] } : { kind: "silent" },
    );
    const resolver = client(server, { timeoutMs: 60_000, tries: 1 });
    // The first answer means the socket is connected: from here on a question could go out at once.
    expect(await resolver.query("warm.example", "TXT")).toMatchObject({ kind: "ok" });
    const asked = Promise.all(["a", "b", "c"].map((l) => resolver.query(`${l}.example`, "TXT")));
    resolver.cancel();
    expect((await asked).map((a) => a.kind)).toEqual(["temperror", "temperror", "temperror"]);
    await new Promise((r) => setTimeout(r, 200));
    expect(server.queries).toEqual(["udp TXT warm.example"]);

    const later = client(server, { timeoutMs: 60_000, tries: 1 });
    expect(await later.query("warm.example", "TXT")).toMatchObject({ kind: "ok" });
    const waiting = Promise.all(["d", "e"].map((l) => later.query(`${l}.example`, "TXT")));
    await new Promise((r) => setTimeout(r, 200));
    later.cancel();
    await waiting;
    expect(server.queries.slice(2)).toEqual(["udp TXT d.example", "udp TXT e.example"]);
  });
});

describe("what the answer carries", () => {
  it("sends names holding ':', '%' and a space as they are (any octet is legal in a label)", async () => {
    const server = await serve(() => ({ kind: "answer", answers: [SPF] }));
    const resolver = client(server);
    for (const name of ["a:b.example", "50%.example", "with space.example"]) {
      expect(await resolver.query(name, "TXT")).toMatchObject({ kind: "ok" });
    }
    expect(server.received.map((q) => q.name)).toEqual(["a:b.example", "50%.example", "with space.example"]);
  });

  it("refuses only what cannot be encoded: an empty label or one over 63 octets", async () => {
    const server = await serve(() => ({ kind: "answer", answers: [SPF] }));
    const resolver = client(server);
    expect(await resolver.query("a..example", "TXT")).toMatchObject({ kind: "temperror" });
    expect(await resolver.query(`${"x".repeat(64)}.example`, "TXT")).toMatchObject({ kind: "temperror" });
    expect(server.received).toEqual([]);
  });

  it("keeps a TXT RR with no character-string beside the record next to it", async () => {
    const server = await serve(() => ({ kind: "answer", answers: [{ type: "TXT", strings: [] }, SPF] }));
    expect(await client(server).query("null-text.example", "TXT")).toMatchObject({
      kind: "ok",
      records: [[], ["v=spf1 -all"]],
    });
  });

  it("reports the smallest TTL along a CNAME chain, the chain itself, and the AD bit", async () => {
    const server = await serve((q) => ({
      kind: "answer",
      authenticated: q.name.startsWith("signed"),
      answers: [
        { type: "CNAME", target: `key.esp.example`, ttl: 600 },
        { type: "TXT", name: "key.esp.example", strings: ["v=DKIM1; p="], ttl: 120 },
      ],
    }));
    const resolver = client(server);
    expect(await resolver.query("s1._domainkey.plain.example", "TXT")).toEqual({
      kind: "ok",
      records: [["v=DKIM1; p="]],
      ttl: 120,
      dnssec: "not validated",
      cnames: ["key.esp.example"],
    });
    expect(await resolver.query("signed.example", "TXT")).toMatchObject({ dnssec: "validated" });
  });

  it("asks the end of a chain an authoritative server left unresolved (target outside its zones)", async () => {
    const server = await serve((q) =>
      q.name === "alias.example"
        ? { kind: "answer", answers: [{ type: "CNAME", target: "elsewhere.test" }] }
        : { kind: "answer", answers: [SPF] },
    );
    expect(await client(server).query("alias.example", "TXT")).toMatchObject({
      kind: "ok",
      cnames: ["elsewhere.test"],
    });
    expect(server.queries).toEqual(["udp TXT alias.example", "udp TXT elsewhere.test"]);
  });
});

describe("servers", () => {
  it("moves on to the next server after SERVFAIL or silence", async () => {
    const failing = await serve(() => ({ kind: "answer", rcode: "SERVFAIL" }));
    const silent = await serve(() => ({ kind: "silent" }));
    const good = await serve(() => ({ kind: "answer", answers: [SPF] }));
    const resolver = new SystemResolver({
      servers: [failing.address, silent.address, good.address],
      timeoutMs: 300,
      tries: 1,
    });
    expect(await resolver.query("x.example", "TXT")).toMatchObject({ kind: "ok" });
    expect([failing, silent, good].map((s) => s.queries.length)).toEqual([1, 1, 1]);
  });

  it("asks an IPv6 server", async (context) => {
    const socket = createSocket("udp6");
    const bound = await new Promise<boolean>((resolve) => {
      socket.once("error", () => resolve(false));
      socket.bind(0, "::1", () => resolve(true));
    });
    if (!bound) {
      socket.close();
      return context.skip("no IPv6 loopback on this machine");
    }
    socket.on("message", (bytes, peer) => {
      const query = decode(bytes);
      const answer = encode({
        type: "response",
        id: query.id ?? 0,
        flags: 0x8180,
        questions: query.questions ?? [],
        answers: [{ type: "A", name: query.questions?.[0]?.name ?? "", ttl: 60, data: "192.0.2.6" }],
      });
      socket.send(answer, peer.port, peer.address);
    });
    try {
      const resolver = client(`[::1]:${socket.address().port}`);
      expect(await resolver.query("v6.example", "A")).toMatchObject({ kind: "ok", records: ["192.0.2.6"] });
    } finally {
      socket.close();
    }
  });
});
