/**
 * A real DNS server on 127.0.0.1 for tests: UDP and TCP on one port chosen at run time, answering
 * from RFC 1035 zone files through `ZoneSet`, with dns2 setting TC=1 on UDP answers over 512 bytes.
 * Names can be made to fail on purpose (SERVFAIL, REFUSED, never answered) to test inconclusive paths.
 */
import { readFileSync } from "node:fs";
import type { Socket } from "node:net";
import dns2 from "dns2";
import { normalizeName } from "../../src/dns/types.js";
import { parseZoneFile } from "../../src/dns/zone-file.js";
import { type Zone, type ZoneRecord, ZoneSet } from "../../src/dns/zone-records.js";
import { listenUdpAndTcp, onFreePort } from "./ports.js";

const { Packet } = dns2;

type DnsPacket = InstanceType<typeof Packet>;
type Resource = DnsPacket["answers"][number];

export type Fault = "servfail" | "refused" | "drop";

export interface FixtureServerOptions {
  zones: Zone[];
  /** Names (exact, any type) that fail the given way. */
  faults?: Record<string, Fault>;
}

export interface FixtureServer {
  /** "127.0.0.1:<port>", ready for `--resolver`. */
  address: string;
  port: number;
  /** Every question received, in order, as "TYPE name" (both transports). */
  queries: string[];
  close(): Promise<void>;
}

const TYPE_NAMES = new Map<number, string>(
  Object.entries(Packet.TYPE).map(([name, code]) => [code as number, name]),
);

export function loadZoneFile(path: string, origin?: string): Zone {
  return parseZoneFile(readFileSync(path, "latin1"), { source: path, ...(origin ? { origin } : {}) });
}

export async function startFixtureServer(options: FixtureServerOptions): Promise<FixtureServer> {
  const zones = new ZoneSet(options.zones);
  const faults = new Map(
    Object.entries(options.faults ?? {}).map(([name, fault]) => [normalizeName(name), fault]),
  );
  const queries: string[] = [];
  const sockets = new Set<Socket>();

  const handle = (request: DnsPacket, send: (response: DnsPacket) => void) => {
    const response = Packet.createResponseFromRequest(request);
    response.header.aa = 1;
    response.header.ra = 1;
    const [question] = request.questions;
    if (!question) return send(response);
    const type = TYPE_NAMES.get(question.type as unknown as number) ?? String(question.type);
    queries.push(`${type} ${normalizeName(question.name)}`);
    const fault = faults.get(normalizeName(question.name));
    if (fault === "drop") return;
    if (fault) {
      response.header.rcode = fault === "servfail" ? Packet.RCODE.SERVFAIL : Packet.RCODE.REFUSED;
      return send(response);
    }
    const result = zones.lookup(question.name, type);
    const chain = result.chain.map((r) => toResource(r, question.name));
    response.answers.push(...chain);
    switch (result.kind) {
      case "answer":
        response.answers.push(...result.records.map((r) => toResource(r, question.name)));
        break;
      // A name outside every fixture zone does not exist, as the root would say of an unknown TLD;
      // tests that want a failure say so with a fault.
      case "nxdomain":
      case "outside":
        response.header.rcode = Packet.RCODE.NXDOMAIN;
        break;
      case "cname-loop":
        response.header.rcode = Packet.RCODE.SERVFAIL;
        break;
      case "nodata":
        break;
    }
    send(response);
  };

  return onFreePort(async (port) => {
    const udp = dns2.createUDPServer({ type: "udp4" });
    // dns2 accepts an options object here although its types name only the handler form.
    const tcp = dns2.createTCPServer({ idleTimeout: 1000 } as unknown as Parameters<
      typeof dns2.createTCPServer
    >[0]);
    udp.on("request", handle);
    tcp.on("request", handle);
    tcp.on("connection", (socket: Socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await listenUdpAndTcp(udp, tcp, port);
    return {
      address: `127.0.0.1:${port}`,
      port,
      queries,
      async close() {
        // dns2's TCP server waits for idle clients; destroy them so close() is prompt.
        for (const socket of sockets) socket.destroy();
        await Promise.all([
          new Promise<void>((resolve) => udp.close(() => resolve())),
          new Promise<void>((resolve) => tcp.close(() => resolve())),
        ]);
      },
    };
  });
}

function toResource(record: ZoneRecord, questionName: string): Resource {
  const base = {
    name: record.name === normalizeName(questionName) ? questionName : record.name,
    ttl: record.ttl,
    class: Packet.CLASS.IN,
  };
  switch (record.type) {
    case "TXT":
    case "SPF":
      return {
        ...base,
        type: Packet.TYPE[record.type as keyof typeof Packet.TYPE],
        data: (record.data as string[]).map((s) => Buffer.from(s, "latin1")),
      } as unknown as Resource;
    case "A":
    case "AAAA":
      return {
        ...base,
        type: Packet.TYPE[record.type as keyof typeof Packet.TYPE],
        address: record.data,
      } as unknown as Resource;
    case "CNAME":
    case "PTR":
      return {
        ...base,
        type: Packet.TYPE[record.type as keyof typeof Packet.TYPE],
        domain: record.data,
      } as unknown as Resource;
    case "NS":
      return { ...base, type: Packet.TYPE.NS, ns: record.data } as unknown as Resource;
    case "MX": {
      const mx = record.data as { priority: number; exchange: string };
      return {
        ...base,
        type: Packet.TYPE.MX,
        priority: mx.priority,
        exchange: mx.exchange,
      } as unknown as Resource;
    }
    default:
      return { ...base, type: Packet.TYPE.SOA, ...(record.data as object) } as unknown as Resource;
  }
}
