/**
 * One question over TCP (RFC 1035 §4.2.2: a two-octet length, then the message), on `node:net`:
 * dns2's TCP client has no timeout and always sends ID 0 (README, "Dependency notes"). One
 * connection per question: TCP is used only after a truncated UDP answer, rare with EDNS0.
 */
import { connect } from "node:net";
import type { ServerAddress } from "./udp-exchanger.js";

export type TcpOutcome =
  | { kind: "reply"; bytes: Buffer }
  | { kind: "timeout" }
  | { kind: "error"; code: string };

/** Largest DNS message: its length must fit the 16-bit prefix. */
const MAX_MESSAGE = 65_535;

export function tcpExchange(server: ServerAddress, query: Buffer, timeoutMs: number): Promise<TcpOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: server.host, port: server.port, family: server.family });
    let received = Buffer.alloc(0);
    const finish = (outcome: TcpOutcome) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    // The whole exchange shares one timer: a server that accepts and then says nothing (or
    // trickles) ends as a timeout like a silent UDP server.
    const timer = setTimeout(() => finish({ kind: "timeout" }), timeoutMs);
    socket.on("error", (error: NodeJS.ErrnoException) =>
      finish({ kind: "error", code: error.code ?? "tcp error" }),
    );
    socket.on("close", () => finish({ kind: "error", code: "ECONNRESET" }));
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 2) return;
      const length = received.readUInt16BE(0);
      if (received.length >= 2 + length) finish({ kind: "reply", bytes: received.subarray(2, 2 + length) });
      else if (received.length > 2 + MAX_MESSAGE) finish({ kind: "error", code: "EBADRESP" });
    });
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16BE(query.length);
    socket.write(Buffer.concat([prefix, query]));
  });
}
