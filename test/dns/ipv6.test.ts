import { describe, expect, it } from "vitest";
import { ipv6Canonical, ipv6Groups } from "../../src/dns/ipv6.js";

describe("ipv6Groups and ipv6Canonical", () => {
  it.each([
    ["2001:db8::1", "2001:db8::1", ["2001", "0db8", "0000", "0000", "0000", "0000", "0000", "0001"]],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1", ["2001", "0db8", "0000", "0000", "0000", "0000", "0000", "0001"]],
    ["::ffff:192.0.2.1", "::ffff:c000:201", ["0000", "0000", "0000", "0000", "0000", "ffff", "c000", "0201"]],
    ["::", "::", ["0000", "0000", "0000", "0000", "0000", "0000", "0000", "0000"]],
  ])("%s", (ip, canonical, groups) => {
    expect(ipv6Canonical(ip)).toBe(canonical);
    expect(ipv6Groups(ip)).toEqual(groups);
  });

  it.each(["fe80::1%eth0", "192.0.2.1", "1::2::3", "::1.2.3.04", ""])("refuses %j", (ip) => {
    expect(ipv6Canonical(ip)).toBeUndefined();
    expect(ipv6Groups(ip)).toBeUndefined();
  });
});
