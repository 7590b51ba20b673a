import rule from "../../../rules/alignment/sender-not-authorized.js";
import type { SenderAlignment } from "../../../src/alignment/types.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";

const _id = (domain: string, aligned: boolean | null, mode: "relaxed" | "strict" = "relaxed") => ({
  domain,
  mode,
  organizationalDomain: aligned === null ? null : domain,
  aligned,
});
const sender = (s: Partial<SenderAlignment>): SenderAlignment => ({
  name: "ESP",
  fromDomain: "example.com",
  fromOrganizationalDomain: "example.com",
  spf: null,
  dkim: null,
  ips: [],
  ...s,
});
const snap = (...senders: SenderAlignment[]) => ({ ...emptySnapshot(), alignment: senders });

const ip = (address: string, result: SenderAlignment["ips"][number]["result"]) => ({
  ip: address,
  domain: "em.example.com",
  result,
  explanation: null,
});

testRule(rule, {
  valid: [
    { name: "pass", snapshot: snap(sender({ ips: [ip("192.0.2.1", "pass")] })) },
    { name: "temperror is inconclusive", snapshot: snap(sender({ ips: [ip("192.0.2.1", "temperror")] })) },
  ],
  invalid: [
    {
      name: "fail and softfail",
      snapshot: snap(
        sender({ ips: [ip("192.0.2.1", "pass"), ip("203.0.113.9", "fail"), ip("203.0.113.10", "softfail")] }),
      ),
      findings: [
        {
          messageId: "notAuthorized",
          data: { ip: "203.0.113.9", actual: "fail", domain: "em.example.com" },
          severity: "error",
        },
        { messageId: "notAuthorized", data: { ip: "203.0.113.10", actual: "softfail" } },
      ],
    },
  ],
});
