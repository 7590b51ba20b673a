import { describe, expect, it } from "vitest";
import { expandMacroString, MacroExpansionError, type MacroValues } from "../../src/spf/expand-macro.js";

/** RFC 7208 §7.4's connection. */
const RFC: MacroValues = {
  sender: "strong-bad@email.example.com",
  ip: "192.0.2.3",
  helo: "mx.example.org",
  domain: "email.example.com",
  receiver: "mx.receiver.example",
  now: 1_700_000_000,
};

describe("expandMacroString: RFC 7208 §7.4's examples", () => {
  const examples: [string, string][] = [
    ["%{s}", "strong-bad@email.example.com"],
    ["%{o}", "email.example.com"],
    ["%{d}", "email.example.com"],
    ["%{d4}", "email.example.com"],
    ["%{d3}", "email.example.com"],
    ["%{d2}", "example.com"],
    ["%{d1}", "com"],
    ["%{dr}", "com.example.email"],
    ["%{d2r}", "example.email"],
    ["%{l}", "strong-bad"],
    ["%{l-}", "strong.bad"],
    ["%{lr}", "strong-bad"],
    ["%{lr-}", "bad.strong"],
    ["%{l1r-}", "strong"],
    ["%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com"],
    ["%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"],
    ["%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"],
    ["%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com"],
    ["%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net"],
  ];
  it.each(examples)("%s → %s", (macro, expected) => {
    expect(expandMacroString(macro, RFC)).toBe(expected);
  });

  it("IPv6: %{ir}.%{v}._spf.%{d2} with 2001:db8::cb01", () => {
    expect(expandMacroString("%{ir}.%{v}._spf.%{d2}", { ...RFC, ip: "2001:db8::cb01" })).toBe(
      "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com",
    );
  });
});

describe("expandMacroString: the rest of §7.1–7.3", () => {
  it("escapes: %% → %, %_ → space, %- → %20", () => {
    expect(expandMacroString("a%%b%_c%-d", RFC)).toBe("a%b c%20d");
  });

  it("upper-case letters are URL-escaped after the transformers", () => {
    expect(expandMacroString("%{S}", RFC)).toBe("strong-bad%40email.example.com");
    expect(expandMacroString("%{L2R-}", { ...RFC, sender: "a b-c@x.example" })).toBe("c.a%20b");
  });

  it("c, r, t and p: the readable address, the receiver, the time, unknown without a PTR name", () => {
    expect(expandMacroString("%{c} %{r} %{t} %{p}", { ...RFC, ip: "2001:DB8:0:0::1" })).toBe(
      "2001:db8::1 mx.receiver.example 1700000000 unknown",
    );
    expect(expandMacroString("%{p}", { ...RFC, validatedName: "mail.example.com" })).toBe("mail.example.com");
  });

  it("h: the HELO name, or the address literal when there was none", () => {
    expect(expandMacroString("%{h}", RFC)).toBe("mx.example.org");
    expect(expandMacroString("%{h}", { ...RFC, helo: "" })).toBe("[192.0.2.3]");
  });

  // Issue 12, item 1: mailauth 7.1.0 built [.-+] unescaped ("Range out of order") and [/-=]
  // (every character from "/" to "=", digits included).
  const delimiterMixes: [string, string, string][] = [
    ["%{l.-+}", "a.b-c+d", "a.b.c.d"],
    ["%{l_-=}", "a_b-c=d", "a.b.c.d"],
    ["%{l=-/}", "a=b-c/d", "a.b.c.d"],
    ["%{l/-=}", "ab1-cd=e2", "ab1.cd.e2"],
    ["%{l,-=}", "a,b-c1", "a.b.c1"],
    ["%{l+-=}", "a+b-c9", "a.b.c9"],
    ["%{l.-_}", "a.b-c_d7", "a.b.c.d7"],
    ["%{l2r-.}", "x-y.z", "y.x"],
  ];
  it.each(delimiterMixes)("%s of %s → %s (any mix of delimiters, §7.1)", (macro, local, expected) => {
    expect(expandMacroString(macro, { ...RFC, sender: `${local}@example.com` })).toBe(expected);
  });

  it("a malformed macro-string is a MacroExpansionError (permerror), never another error", () => {
    for (const text of ["%", "a%b", "%{", "%{d", "%{}", "%{x}", "%{d0}", "%{d;}"]) {
      expect(() => expandMacroString(text, RFC), text).toThrow(MacroExpansionError);
    }
  });
});
