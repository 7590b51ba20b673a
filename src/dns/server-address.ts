import { isIPv4 } from "node:net";
import { isIPv6TextWithZone } from "./ipv6-syntax.js";

/**
 * Validates a `--resolver` value: "ip", "ip:port" or "[ipv6]:port", and returns it in the form
 * node:dns `setServers` takes. Returns undefined when the value is none of those.
 */
export function parseServerAddress(value: string): string | undefined {
  const v6WithPort = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  if (v6WithPort) {
    const [, host = "", port] = v6WithPort;
    if (!isIPv6TextWithZone(host) || !validPort(port)) return undefined;
    return port ? `[${host}]:${port}` : host;
  }
  // IPv4 first, with or without a port: "-r 127.0.0.1:5353" is the common form.
  const v4 = /^([^:]+)(?::(\d{1,5}))?$/.exec(value);
  if (v4) {
    const [, host = "", port] = v4;
    if (!isIPv4(host) || !validPort(port)) return undefined;
    return port ? `${host}:${port}` : host;
  }
  // A zone id ("fe80::1%eth0") has always been taken: node:dns and sockets understand it.
  return isIPv6TextWithZone(value) ? value : undefined;
}

function validPort(port: string | undefined): boolean {
  if (port === undefined) return true;
  const n = Number(port);
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** A validated server address ("ip", "ip:port", "[ipv6]:port") split for a socket; port 53 by default. */
export function toSocketAddress(value: string): { host: string; port: number; family: 4 | 6 } | undefined {
  const parsed = parseServerAddress(value);
  if (parsed === undefined) return undefined;
  const v6WithPort = /^\[([^\]]+)\]:(\d+)$/.exec(parsed);
  if (v6WithPort) return { host: v6WithPort[1] as string, port: Number(v6WithPort[2]), family: 6 };
  // What is left is validated: a bare IPv6 address holds two colons or more, "ipv4:port" one.
  const parts = parsed.split(":");
  if (parts.length > 2) return { host: parsed, port: 53, family: 6 };
  const [host = "", port = "53"] = parts;
  return { host, port: Number(port), family: 4 };
}
