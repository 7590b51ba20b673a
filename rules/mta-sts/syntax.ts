import { defineRecordSyntaxRule } from "../../src/rule-kits/record-rules.js";

export default defineRecordSyntaxRule({
  id: "mta-sts/syntax",
  description: "The _mta-sts TXT record breaks the RFC 8461 grammar (v=STSv1; id=…)",
  spec: "RFC 8461 §3.1",
  remediation:
    "Publish exactly `v=STSv1; id=<1 to 32 letters and digits>` at _mta-sts.<domain>, e.g. `v=STSv1; id=20240601T000000`; change the id whenever the policy changes.",
  label: "MTA-STS",
  version: "v=STSv1",
  select: (snapshot) => snapshot.mtaSts,
});
