import rule from "../../../rules/bimi/logo-fetch.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { bimiAudit, LOGO_URL } from "../../helpers/surround-snapshots.js";

const RECORD = "v=BIMI1; l=https://example.com/logo.svg";
const logo = (fetch: Parameters<typeof bimiAudit>[1]) => ({
  ...emptySnapshot(),
  bimi: bimiAudit(RECORD, fetch),
});

testRule(rule, {
  valid: [
    { name: "fetched", snapshot: logo(undefined as never) },
    {
      name: "declining: nothing to fetch",
      snapshot: { ...emptySnapshot(), bimi: bimiAudit("v=BIMI1; l=; a=") },
    },
  ],
  invalid: [
    {
      name: "a 404",
      snapshot: logo({
        url: LOGO_URL,
        status: "failed",
        reason: "http-status",
        detail: "HTTP 404",
        httpStatus: 404,
      }),
      findings: [{ messageId: "httpStatus", severity: "error", data: { uri: LOGO_URL, reason: "HTTP 404" } }],
    },
    {
      name: "an untrusted certificate",
      snapshot: logo({
        url: LOGO_URL,
        status: "failed",
        reason: "certificate",
        detail: "self-signed certificate",
      }),
      findings: [{ messageId: "certificate" }],
    },
    {
      name: "a redirect",
      snapshot: logo({
        url: LOGO_URL,
        status: "failed",
        reason: "redirect",
        detail: "HTTP 302 to https://cdn.example.net/l.svg",
      }),
      findings: [{ messageId: "redirect" }],
    },
    {
      name: "too large",
      snapshot: logo({
        url: LOGO_URL,
        status: "failed",
        reason: "too-large",
        detail: "more than 65536 octets sent",
        limit: 65536,
      }),
      findings: [{ messageId: "tooLarge", data: { limit: 65536 } }],
    },
    {
      name: "unreachable",
      snapshot: logo({ url: LOGO_URL, status: "failed", reason: "unreachable", detail: "refused" }),
      findings: [{ messageId: "unreachable" }],
    },
    {
      name: "timed out",
      snapshot: logo({ url: LOGO_URL, status: "inconclusive", reason: "timeout", detail: "10 s" }),
      findings: [{ messageId: "inconclusive", severity: "warning" }],
    },
    {
      name: "a --zone run: not fetched, said",
      snapshot: logo({ url: LOGO_URL, status: "skipped", reason: "zone", detail: "a --zone run" }),
      findings: [{ messageId: "skipped", severity: "notice" }],
    },
  ],
});
