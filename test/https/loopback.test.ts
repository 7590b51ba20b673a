import { describe, expect, it } from "vitest";
import { isLoopbackAddress } from "../../src/https/loopback.js";

describe("isLoopbackAddress", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.255.0.9", true],
    ["::1", true],
    ["0:0:0:0:0:0:0:1", true],
    ["::ffff:127.0.0.1", true],
    ["0:0:0:0:0:ffff:127.0.0.1", true],
    ["::FFFF:127.1.2.3", true],
    ["192.0.2.1", false],
    ["::ffff:192.0.2.1", false],
    ["2001:db8::1", false],
    ["::2", false],
    // A zone id never made an address loopback: none of the forms above carries one.
    ["::1%lo", false],
    ["::ffff:127.0.0.1%eth0", false],
    ["::1::", false],
    ["localhost", false],
  ])("%s → %s", (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});
