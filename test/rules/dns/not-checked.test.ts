import rule from "../../../rules/dns/not-checked.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";

const dkim = {
  name: "s1._domainkey.example.com",
  type: "TXT",
  source: "plan.json: aws_route53_record.dkim",
  reason: "records known only after apply",
  kind: "after-apply" as const,
};
const ses = {
  type: "CNAME",
  source: "plan.json: aws_route53_record.ses[0]",
  reason: "name known only after apply",
  kind: "after-apply" as const,
};
const ignored = {
  name: "_dmarc.example.com",
  type: "TXT",
  source: "example.com.yaml:7",
  reason: "octodns ignored: true (octoDNS leaves it as published)",
  kind: "left-as-published" as const,
};

testRule(rule, {
  valid: [{ name: "every record of the zone inputs known", snapshot: emptySnapshot() }],
  invalid: [
    {
      name: "records known only after apply, one finding for all, a name not known yet said so",
      snapshot: { ...emptySnapshot(), notChecked: [dkim, ses] },
      findings: [
        {
          messageId: "afterApply",
          data: {
            count: 2,
            name:
              "s1._domainkey.example.com TXT (plan.json: aws_route53_record.dkim: records known only after apply); " +
              "a name known only after apply CNAME (plan.json: aws_route53_record.ses[0]: name known only after apply)",
          },
          severity: "notice",
        },
      ],
    },
    {
      name: "an octoDNS record left as published, offline, apart from the plan's",
      snapshot: { ...emptySnapshot(), notChecked: [ignored, dkim] },
      findings: [
        {
          messageId: "afterApply",
          data: {
            count: 1,
            name: "s1._domainkey.example.com TXT (plan.json: aws_route53_record.dkim: records known only after apply)",
          },
        },
        {
          messageId: "leftAsPublished",
          data: {
            count: 1,
            name: "_dmarc.example.com TXT (example.com.yaml:7: octodns ignored: true (octoDNS leaves it as published))",
          },
        },
      ],
    },
  ],
});
