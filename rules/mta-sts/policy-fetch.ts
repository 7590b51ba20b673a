import { defineFetchRule } from "../../src/rule-kits/fetch-rule.js";

export default defineFetchRule({
  id: "mta-sts/policy-fetch",
  description:
    "The MTA-STS policy announced in DNS can be fetched: HTTPS with a valid certificate, status 200, no redirect, text/plain, at most 64 KB",
  spec: "RFC 8461 §3.2, §3.3",
  remediation:
    "Serve the policy at https://mta-sts.<domain>/.well-known/mta-sts.txt with a certificate valid for mta-sts.<domain>, status 200, `Content-Type: text/plain`, no redirect, under 64 KB.",
  what: "The MTA-STS policy",
  select: (snapshot) => snapshot.mtaSts?.policy?.fetch,
  extraMessages: {
    contentType: "The MTA-STS policy at {uri} is served as {actual}, not text/plain; senders may refuse it.",
  },
  checkFetched(report, { snapshot, report: emit }) {
    const mediaType = (report.contentType ?? "").split(";")[0]?.trim().toLowerCase();
    if (mediaType === "text/plain") return;
    emit({
      messageId: "contentType",
      data: { domain: snapshot.domain, uri: report.url, actual: report.contentType ?? "(no Content-Type)" },
    });
  },
});
