import rule from "../../../rules/mta-sts/policy-fetch.js";
import { emptySnapshot, testRule } from "../../helpers/rule-tester.js";
import { fetched, mtaStsAudit, POLICY_URL, withPolicy } from "../../helpers/surround-snapshots.js";

const withFetch = (fetch: Parameters<typeof mtaStsAudit>[1]) => ({
  ...emptySnapshot(),
  mtaSts: mtaStsAudit("v=STSv1; id=1", fetch),
});
const failed = (reason: string, detail: string, extra = {}) =>
  withFetch({ url: POLICY_URL, status: "failed", reason: reason as never, detail, ...extra });

testRule(rule, {
  valid: [
    {
      name: "fetched as text/plain",
      snapshot: withFetch("version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 86400\n"),
    },
    {
      name: "text/plain with a charset",
      snapshot: {
        ...emptySnapshot(),
        mtaSts: withPolicy(mtaStsAudit("v=STSv1; id=1"), {
          fetch: fetched(POLICY_URL, { contentType: "text/plain; charset=utf-8" }),
        }),
      },
    },
    { name: "no record: nothing to fetch", snapshot: { ...emptySnapshot(), mtaSts: mtaStsAudit(null) } },
    {
      name: "HTTPS not given to the audit at all (library use)",
      snapshot: withFetch({ url: POLICY_URL, status: "skipped", reason: "disabled" }),
    },
  ],
  invalid: [
    {
      name: "behind a redirect",
      snapshot: failed("redirect", "HTTP 301 to https://www.example.com/", { httpStatus: 301 }),
      findings: [
        {
          messageId: "redirect",
          severity: "error",
          data: { uri: POLICY_URL, reason: "HTTP 301 to https://www.example.com/" },
        },
      ],
    },
    {
      name: "a certificate for another name",
      snapshot: failed(
        "certificate",
        "Hostname/IP does not match certificate's altnames (ERR_TLS_CERT_ALTNAME_INVALID)",
      ),
      findings: [{ messageId: "certificate" }],
    },
    { name: "a 404", snapshot: failed("http-status", "HTTP 404"), findings: [{ messageId: "httpStatus" }] },
    {
      name: "too large",
      snapshot: failed("too-large", "Content-Length 100000", { limit: 65536 }),
      findings: [{ messageId: "tooLarge", data: { limit: 65536 } }],
    },
    {
      name: "no address",
      snapshot: failed("no-address", "no A or AAAA"),
      findings: [{ messageId: "unreachable" }],
    },
    {
      name: "slow: no verdict",
      snapshot: withFetch({
        url: POLICY_URL,
        status: "inconclusive",
        reason: "timeout",
        detail: "no complete answer within 10 s",
      }),
      findings: [{ messageId: "inconclusive", severity: "warning" }],
    },
    {
      name: "--offline: not fetched, and said",
      snapshot: withFetch({ url: POLICY_URL, status: "skipped", reason: "offline", detail: "--offline" }),
      findings: [{ messageId: "skipped", severity: "notice" }],
    },
    {
      name: "served as text/html",
      snapshot: {
        ...emptySnapshot(),
        mtaSts: withPolicy(mtaStsAudit("v=STSv1; id=1"), {
          fetch: fetched(POLICY_URL, { contentType: "text/html" }),
        }),
      },
      findings: [{ messageId: "contentType", data: { actual: "text/html" } }],
    },
  ],
});
