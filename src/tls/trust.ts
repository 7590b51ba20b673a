import { readFileSync } from "node:fs";
import { getCACertificates } from "node:tls";
import { UsageError } from "../errors.js";

/**
 * Reads a `--…-ca <file>` once, before any connection: PEM text with at least one certificate. A
 * file that cannot be read or holds none is a usage error (exit 2) naming the flag and the file.
 */
export function readCaFile(flag: string, file: string): string {
  try {
    const text = readFileSync(file, "utf8");
    if (!text.includes("-----BEGIN CERTIFICATE-----")) throw new Error("no PEM certificate in it");
    return text;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`${flag} ${file}: cannot use (${reason})`);
  }
}

/**
 * The CAs a TLS connection trusts: Node's default store, which holds its bundled roots plus
 * `NODE_EXTRA_CA_CERTS` (and the system's with `--use-system-ca`), and the extra PEM given on the
 * command line. Undefined when there is no extra: Node then uses its default store itself. Passing
 * `tls.rootCertificates` instead would silently drop `NODE_EXTRA_CA_CERTS`.
 */
export function trustedCertificates(extraPem: string | undefined): string[] | undefined {
  return extraPem === undefined ? undefined : [...getCACertificates("default"), extraPem];
}
