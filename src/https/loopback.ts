import { isIPv4 } from "node:net";
import { isIPv6Text } from "../dns/ipv6-syntax.js";

/** 127.0.0.0/8, ::1 and IPv4-mapped 127/8: addresses that never leave the machine. */
export function isLoopbackAddress(address: string): boolean {
  if (isIPv4(address)) return address.startsWith("127.");
  // A zone id is refused here as below: none of the forms matched below carries one.
  if (!isIPv6Text(address)) return false;
  const lower = address.toLowerCase();
  if (lower === "::1" || lower === "0:0:0:0:0:0:0:1") return true;
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  return mapped?.[1]?.startsWith("127.") === true;
}
