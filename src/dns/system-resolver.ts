import { Resolver as NodeResolver } from "node:dns/promises";
import type { DnsAnswer, MxRecord, RecordData, RecordType, Resolver } from "./types.js";

export interface SystemResolverOptions {
  /** Servers as accepted by `setServers` ("1.2.3.4", "1.2.3.4:53", "[::1]:53"); empty = /etc/resolv.conf. */
  servers?: string[];
  /** Per-try timeout in milliseconds. */
  timeoutMs?: number;
  /** How many times c-ares sends a query before giving up. */
  tries?: number;
}

/** Error codes node:dns uses for definite negative answers; everything else is a temporary failure. */
const NXDOMAIN_CODES = new Set(["ENOTFOUND"]);
const NODATA_CODES = new Set(["ENODATA"]);

/**
 * Production resolver on node:dns (c-ares): reads resolv.conf, falls back to TCP on truncation,
 * times out (LIBRARIES.md §1.1). `maxTimeout` caps c-ares' exponential backoff so that a dead
 * server costs about `tries × timeout`, not 2^tries.
 */
export class SystemResolver implements Resolver {
  readonly #resolver: NodeResolver;

  constructor(options: SystemResolverOptions = {}) {
    const timeout = options.timeoutMs ?? 5000;
    this.#resolver = new NodeResolver({ timeout, tries: options.tries ?? 2, maxTimeout: timeout });
    if (options.servers && options.servers.length > 0) this.#resolver.setServers(options.servers);
  }

  async query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    try {
      const raw = (await this.#resolver.resolve(name, type)) as unknown as RecordData[T];
      if (Array.isArray(raw) && raw.length === 0) return { kind: "nodata" };
      // node:dns adds a `type` field to MX objects; keep the answer to its documented shape.
      const records =
        type === "MX"
          ? ((raw as MxRecord[]).map(({ exchange, priority }) => ({ exchange, priority })) as RecordData[T])
          : raw;
      return { kind: "ok", records };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (NXDOMAIN_CODES.has(code)) return { kind: "nxdomain" };
      if (NODATA_CODES.has(code)) return { kind: "nodata" };
      return { kind: "temperror", reason: describeFailure(code, error) };
    }
  }

  cancel(): void {
    this.#resolver.cancel();
  }
}

function describeFailure(code: string, error: unknown): string {
  switch (code) {
    case "ETIMEOUT":
      return "timeout";
    case "ESERVFAIL":
      return "SERVFAIL";
    case "EREFUSED":
      return "REFUSED";
    case "ECONNREFUSED":
      return "connection refused";
    case "EBADNAME":
      return "name cannot be sent in a DNS query";
    case "EBADRESP":
      return "malformed answer";
    default:
      return code || (error instanceof Error ? error.message : String(error));
  }
}
