import rule from "../../../rules/dkim/missing.js";
import type { DkimAudit } from "../../../src/dkim/types.js";
import { dkimSnapshot, foundKey, rsaKey } from "../../dkim/snapshots.js";
import { testRule } from "../../helpers/rule-tester.js";

const absent = (status: DkimAudit["status"]): DkimAudit => ({
  selector: "gone",
  name: "gone._domainkey.example.com",
  status,
  record: null,
  keyType: null,
  keyBits: null,
  cnameChain: [],
  cnameTarget: null,
});

testRule(rule, {
  valid: [
    { name: "key found", snapshot: dkimSnapshot(foundKey("s1", `v=DKIM1; p=${rsaKey(2048)}`)) },
    { name: "lookup failed: inconclusive, not missing", snapshot: dkimSnapshot(absent("inconclusive")) },
  ],
  invalid: [
    {
      name: "no record",
      snapshot: dkimSnapshot(absent("missing")),
      findings: [{ messageId: "noKey", data: { selector: "gone" }, severity: "error" }],
    },
  ],
});
