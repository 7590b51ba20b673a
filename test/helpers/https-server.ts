/**
 * A real HTTPS server on 127.0.0.1 for the MTA-STS and BIMI tests: a free port chosen at run time,
 * certificates from a test CA made at start-up (openssl CLI), one certificate per host name chosen
 * by SNI, and per-(host, path) answers: a body with headers, a redirect, a slow or stalled body.
 *
 * How the product reaches it: the fetch connects to the address our resolver gives for the host (the
 * fixture DNS answers 127.0.0.1), and `MAILAUDIT_TEST_HTTPS_PORT` (honoured only for loopback
 * addresses) names this port instead of 443 (docs/cli.md, "Environment").
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSecureContext, type SecureContext } from "node:tls";
import { makeServerCert, makeTestCa } from "./dovecot.js";
import { onFreePort } from "./ports.js";

export interface HttpsAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the headers and the first half of the body, then wait this long before the rest. */
  stallMs?: number;
  /** Send the body chunked, without a Content-Length. */
  chunked?: boolean;
}

export interface HttpsHostOptions {
  /** "trusted" (default): signed by the test CA for this name; "other-ca": by a CA nobody trusts;
   * "wrong-name": by the test CA, for another name. */
  certificate?: "trusted" | "other-ca" | "wrong-name";
}

export interface HttpsLab {
  port: number;
  /** The test CA's PEM file (for `--https-ca` or NODE_EXTRA_CA_CERTS). */
  caFile: string;
  /** Every request received, as "host path". */
  requests: string[];
  close(): Promise<void>;
}

export async function startHttpsServer(
  hosts: Record<string, HttpsHostOptions>,
  answers: Record<string, HttpsAnswer>,
): Promise<HttpsLab> {
  const dir = mkdtempSync(join(tmpdir(), "mailaudit-https-"));
  try {
    const ca = makeTestCa(dir, "ca");
    const otherCa = makeTestCa(dir, "other-ca");
    const contexts = new Map<string, SecureContext>();
    Object.entries(hosts).forEach(([host, options], index) => {
      const kind = options.certificate ?? "trusted";
      const san = kind === "wrong-name" ? "DNS:somewhere-else.invalid" : `DNS:${host}`;
      const leaf = makeServerCert(dir, kind === "other-ca" ? otherCa : ca, san, `host${index}`);
      contexts.set(host, createSecureContext({ cert: readFileSync(leaf.cert), key: readFileSync(leaf.key) }));
    });
    const fallback = makeServerCert(dir, ca, "DNS:localhost", "fallback");
    const requests: string[] = [];
    const sockets = new Set<Socket>();
    const timers = new Set<NodeJS.Timeout>();
    const handle = (request: IncomingMessage, response: ServerResponse) => {
      const host = (request.headers.host ?? "").replace(/:\d+$/, "");
      const key = `${host}${request.url ?? ""}`;
      requests.push(`${host} ${request.url ?? ""}`);
      const answer = answers[key] ?? { status: 404, body: "not found\n" };
      const body =
        typeof answer.body === "string" ? Buffer.from(answer.body) : (answer.body ?? Buffer.alloc(0));
      const length = answer.chunked ? {} : { "content-length": String(body.length) };
      response.writeHead(answer.status ?? 200, { ...length, ...answer.headers });
      if (answer.stallMs === undefined) return void response.end(body);
      const half = Math.floor(body.length / 2);
      response.write(body.subarray(0, half));
      const timer = setTimeout(() => {
        timers.delete(timer);
        response.end(body.subarray(half));
      }, answer.stallMs);
      timers.add(timer);
    };
    const server: Server = createServer(
      {
        cert: readFileSync(fallback.cert),
        key: readFileSync(fallback.key),
        SNICallback: (name, callback) => callback(null, contexts.get(name.toLowerCase())),
      },
      handle,
    );
    server.on("connection", (socket: Socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    // A client that gives up mid-handshake (a refused certificate) is not the server's error.
    server.on("tlsClientError", () => {});
    const port = await onFreePort(
      (candidate) =>
        new Promise<number>((resolve, reject) => {
          server.once("error", reject);
          server.listen(candidate, "127.0.0.1", () => {
            server.off("error", reject);
            resolve(candidate);
          });
        }),
    );
    return {
      port,
      caFile: ca.cert,
      requests,
      async close() {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
