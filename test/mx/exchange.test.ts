import { isIP } from "node:net";
import { describe, expect, it } from "vitest";
import { isIpLiteralExchange } from "../../src/mx/exchange.js";

describe("isIpLiteralExchange", () => {
  it.each([
    ["192.0.2.1", true],
    ["192.0.2.1.", true],
    ["[192.0.2.1]", true],
    ["2001:db8::25", true],
    ["[IPv6:2001:db8::25]", true],
    ["[ipv6:2001:db8::25].", true],
    ["::ffff:192.0.2.1", true],
    ["mx1.example.com", false],
    ["mx1.example.com.", false],
    ["192.0.2", false],
    ["192.0.2.256", false],
    ["2001:db8::25::1", false],
    ["a:b.example", false],
    ["face.cafe", false],
    [".", false],
  ])("%s → %s", (exchange, expected) => {
    expect(isIpLiteralExchange(exchange)).toBe(expected);
  });

  it("agrees with node:net's isIP on the bare text", () => {
    for (const text of [
      "10.0.0.1",
      "fe80::1",
      "fe80::1%eth0",
      "1.2.3.4.5",
      "dead:beef",
      "deadbeef",
      "::",
      "",
    ]) {
      expect(isIpLiteralExchange(text), text).toBe(isIP(text) !== 0);
    }
  });
});
