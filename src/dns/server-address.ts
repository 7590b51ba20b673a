import { isIP } from "node:net";

/**
 * Validates a `--resolver` value: "ip", "ip:port" or "[ipv6]:port", and returns it in the form
 * node:dns `setServers` takes. Returns undefined when the value is none of those.
 */
export function parseServerAddress(value: string): string | undefined {
  const v6WithPort = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  if (v6WithPort) {
    const [, host = "", port] = v6WithPort;
    if (isIP(host) !== 6 || !validPort(port)) return undefined;
    return port ? `[${host}]:${port}` : host;
  }
  if (isIP(value) !== 0) return value;
  const v4WithPort = /^([^:]+):(\d{1,5})$/.exec(value);
  if (v4WithPort) {
    const [, host = "", port] = v4WithPort;
    if (isIP(host) !== 4 || !validPort(port)) return undefined;
    return `${host}:${port}`;
  }
  return undefined;
}

function validPort(port: string | undefined): boolean {
  if (port === undefined) return true;
  const n = Number(port);
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}
