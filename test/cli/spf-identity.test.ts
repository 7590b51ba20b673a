import { describe, expect, it } from "vitest";
import { connectionIdentity, parseClientIp } from "../../src/cli/spf-identity.js";

describe("connectionIdentity: --ip, --sender, --helo as logs print them", () => {
  it("unwraps address literals and refuses what is no address", () => {
    expect(parseClientIp(" 192.0.2.1 ")).toBe("192.0.2.1");
    expect(parseClientIp("[192.0.2.1]")).toBe("192.0.2.1");
    expect(parseClientIp("[IPv6:2001:db8::1]")).toBe("2001:db8::1");
    expect(parseClientIp("2001:db8::1")).toBe("2001:db8::1");
    for (const bad of ["", "300.1.1.1", "mail.example.com", "[192.0.2.1"])
      expect(() => parseClientIp(bad), bad).toThrow(/--ip/);
  });

  it("keeps senders and HELO names as written, apart from the log's angle brackets", () => {
    expect(connectionIdentity("example.com", { ip: "192.0.2.1" })).toEqual({
      ip: "192.0.2.1",
      sender: "postmaster@example.com",
      domain: "example.com",
    });
    const id = (sender: string, helo?: string) =>
      connectionIdentity("example.com", { ip: "192.0.2.1", sender, ...(helo === undefined ? {} : { helo }) });
    expect(id("<a@example.com>").sender).toBe("a@example.com");
    expect(id("<>").sender).toBe("");
    expect(id("").sender).toBe("");
    expect(id("Macro Error@example.com").sender).toBe("Macro Error@example.com");
    expect(id("a@example.com", "JUMPIN' JUPITER").helo).toBe("JUMPIN' JUPITER");
    expect(id("a@example.com", "  ")).not.toHaveProperty("helo");
  });
});
