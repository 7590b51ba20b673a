import rule from "../../../rules/drift/dkim-key-size.js";
import { testRule } from "../../helpers/rule-tester.js";
import { declaration, dkimAudit, snapshot } from "./snapshots.js";

const declared = declaration({ selectors: ["s1", "s2"], expect: { dkim: { minKeyBits: 2048 } } });

testRule(rule, {
  valid: [
    {
      name: "2048-bit RSA and an Ed25519 key",
      snapshot: snapshot({ dkim: [dkimAudit("s1"), dkimAudit("s2", { keyType: "ed25519", keyBits: 256 })] }),
      declared,
    },
  ],
  invalid: [
    {
      name: "1024-bit RSA key",
      snapshot: snapshot({ dkim: [dkimAudit("s1", { keyBits: 1024 }), dkimAudit("s2")] }),
      declared,
      findings: [{ messageId: "tooSmall", data: { selector: "s1", bits: 1024, expected: 2048 } }],
    },
  ],
});
