import { isIPv4, isIPv6 } from "node:net";

/** 127.0.0.0/8, ::1 and IPv4-mapped 127/8: addresses that never leave the machine. */
export function isLoopbackAddress(address: string): boolean {
  if (isIPv4(address)) return address.startsWith("127.");
  if (!isIPv6(address)) return false;
  const lower = address.toLowerCase();
  if (lower === "::1" || lower === "0:0:0:0:0:0:0:1") return true;
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  return mapped?.[1]?.startsWith("127.") === true;
}
