import { defineMultipleRecordsRule } from "../../src/rule-kits/record-rules.js";

export default defineMultipleRecordsRule({
  id: "bimi/multiple-records",
  description: "The BIMI name publishes more than one v=BIMI1 record, so receivers show no logo",
  spec: "draft-brand-indicators-for-message-identification (assertion record discovery)",
  remediation: "Keep one `v=BIMI1; …` record at default._bimi.<domain> and delete the others.",
  label: "BIMI",
  select: (snapshot) =>
    snapshot.bimi && {
      name: `default._bimi.${snapshot.bimi.source ?? snapshot.domain}`,
      records: snapshot.bimi.records,
    },
});
