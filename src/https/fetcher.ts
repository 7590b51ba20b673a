import type { Resolver } from "../dns/types.js";
import type { Fetched, FetchLimits, FetchSkipReason } from "./types.js";

/** How a run may use HTTPS: for real, or not at all (and why not, for the notice). */
export type HttpsAccess =
  | {
      mode: "live";
      /** One deadline per fetch (connect, TLS, body). */
      timeoutMs: number;
      /** Trusted CAs; undefined: Node's default store (with NODE_EXTRA_CA_CERTS). */
      ca?: string[];
      /** Test only: see `HttpsGetOptions.testPort`. */
      testPort?: number;
      userAgent: string;
    }
  | { mode: "skip"; reason: FetchSkipReason };

const SKIP_DETAIL: Record<FetchSkipReason, string> = {
  offline: "--offline: nothing leaves the machine",
  zone: "a --zone run checks records before they are published: the live web server is not asked",
  disabled: "HTTPS fetching was not enabled for this audit",
};

/**
 * The run's one way to fetch over HTTPS. Each URL is fetched once per run (a BIMI logo or MTA-STS
 * host shared by many audited domains costs one fetch), through the resolver of the domain that
 * asked first.
 */
export class HttpsFetcher {
  readonly #cache = new Map<string, Promise<Fetched>>();

  constructor(readonly access: HttpsAccess) {}

  get(url: string, resolver: Resolver, limits: FetchLimits): Promise<Fetched> {
    const access = this.access;
    if (access.mode === "skip")
      return Promise.resolve({
        report: { url, status: "skipped", reason: access.reason, detail: SKIP_DETAIL[access.reason] },
        body: null,
      });
    const key = `${limits.maxBytes} ${limits.accept} ${url}`;
    let fetched = this.#cache.get(key);
    if (!fetched) {
      // Loaded at the first real fetch: --offline and --zone runs never load node:https and TLS.
      fetched = import("./get.js").then(({ httpsGet }) =>
        httpsGet(url, {
          resolver,
          timeoutMs: access.timeoutMs,
          limits,
          userAgent: access.userAgent,
          ...(access.ca ? { ca: access.ca } : {}),
          ...(access.testPort === undefined ? {} : { testPort: access.testPort }),
        }),
      );
      this.#cache.set(key, fetched);
    }
    return fetched;
  }
}
