import rule from "../../../rules/alignment/sender-not-authorized.js";
import type { SenderAlignment } from "../../../src/alignment/types.js";
import { testRule } from "../../helpers/rule-tester.js";
import { sender, snap } from "./builders.js";

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
