import { describe, expect, it } from "vitest";
import { parseServerAddress, toSocketAddress } from "../../src/dns/server-address.js";

describe("parseServerAddress (--resolver)", () => {
  it.each([
    ["192.0.2.53", "192.0.2.53"],
    ["127.0.0.1:5353", "127.0.0.1:5353"],
    ["::1", "::1"],
    ["2001:db8::53", "2001:db8::53"],
    ["[::1]:5353", "[::1]:5353"],
    ["[2001:db8::53]", "2001:db8::53"],
    // Zone ids have always been taken (node:dns and sockets understand them).
    ["fe80::1%eth0", "fe80::1%eth0"],
    ["[fe80::1%eth0]:5353", "[fe80::1%eth0]:5353"],
  ])("accepts %s", (input, expected) => {
    expect(parseServerAddress(input)).toBe(expected);
  });

  it.each([
    "not-an-ip",
    "256.1.1.1",
    "192.0.2.53:0",
    "192.0.2.53:65536",
    "192.0.2.53:",
    "[192.0.2.53]:53",
    "[::1]:99999",
    "[fe80::1%]:53",
    "fe80::1%eth_0",
    "[1:2:3:4:5:6:7:8:9]:53",
    "::1:53:",
    "dns.example:53",
    "",
  ])("rejects %j", (input) => {
    expect(parseServerAddress(input)).toBeUndefined();
  });
});

describe("toSocketAddress (the client's sockets)", () => {
  it.each([
    ["192.0.2.53", { host: "192.0.2.53", port: 53, family: 4 }],
    ["127.0.0.1:5353", { host: "127.0.0.1", port: 5353, family: 4 }],
    ["::1", { host: "::1", port: 53, family: 6 }],
    ["::ffff:192.0.2.1", { host: "::ffff:192.0.2.1", port: 53, family: 6 }],
    ["[2001:db8::53]:5353", { host: "2001:db8::53", port: 5353, family: 6 }],
    ["[::1]", { host: "::1", port: 53, family: 6 }],
  ])("%s", (input, expected) => {
    expect(toSocketAddress(input)).toEqual(expected);
  });

  it("refuses what --resolver refuses", () => {
    expect(toSocketAddress("dns.example:53")).toBeUndefined();
  });
});
