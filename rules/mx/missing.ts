import type { DomainDeclaration } from "../../src/config/types.js";
import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule<DomainDeclaration>({
  meta: {
    id: "mx/missing",
    type: "problem",
    severity: "warning",
    docs: {
      description:
        "The domain publishes no MX record, so mail to it goes to its A/AAAA address, if any (a notice for a domain declared sending-only)",
      spec: "RFC 5321 §5.1 (implicit MX); RFC 7505 §3 (null MX)",
    },
    messages: {
      missing:
        "{domain} publishes no MX record; mail to it (bounces, replies, postmaster@) goes to {value} (RFC 5321 §5.1 implicit MX).",
      sendingOnly: {
        text: "{domain} publishes no MX record; declared sending-only, mail to it goes to {value}.",
        severity: "notice",
      },
    },
    remediation:
      "Publish the MX records of the servers that receive its mail; a domain that receives none says so with a null MX (`MX 0 .`, RFC 7505), unless it is used as an envelope sender (see mx/null-mx). Declare a sending-only domain with `expect.mx.receivesMail: false`.",
  },
  check({ snapshot, declared, report }) {
    const mx = snapshot.mx;
    if (mx?.status !== "none" || mx.implicitAddresses === null) return;
    const addresses = mx.implicitAddresses;
    const value =
      addresses.length > 0
        ? `its address ${addresses.join(", ")}`
        : "nowhere: it has no A/AAAA record either";
    const sendingOnly = declared?.expect?.mx?.receivesMail === false;
    report({
      messageId: sendingOnly ? "sendingOnly" : "missing",
      data: { domain: snapshot.domain, value, count: addresses.length },
    });
  },
});
