import { defineMultipleRecordsRule } from "../../src/rule-kits/record-rules.js";

export default defineMultipleRecordsRule({
  id: "mta-sts/multiple-records",
  description: "_mta-sts publishes more than one v=STSv1 record, so senders ignore MTA-STS for the domain",
  spec: "RFC 8461 §3.1",
  remediation: "Keep one `v=STSv1; id=…` record at _mta-sts.<domain> and delete the others.",
  label: "MTA-STS",
  select: (snapshot) => snapshot.mtaSts,
});
