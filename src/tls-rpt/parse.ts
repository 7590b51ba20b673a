import { parseRecordFields, type RecordFieldProblem } from "../smtp-tls/record-fields.js";
import type { TlsRptUri } from "./types.js";

export interface ParsedTlsRpt {
  rua: TlsRptUri[];
  problems: RecordFieldProblem[];
}

// RFC 3986 URI characters; "," and "!" must be percent-encoded in a TLS-RPT URI (RFC 8460 §3).
const URI = /^([A-Za-z][A-Za-z0-9+.-]*):((?:[A-Za-z0-9\-._~:/?#[\]@$&'()*+=]|%[0-9A-Fa-f]{2})+)$/;
const HOST =
  /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/i;

/** The `_smtp._tls` TXT record (RFC 8460 §3): `v=TLSRPTv1; rua=<mailto: or https: URI>[,…]`. Pure. */
export function parseTlsRptRecord(text: string): ParsedTlsRpt {
  const { fields, problems } = parseRecordFields(text, "v=TLSRPTv1", {
    rua: (value) => (value === "" ? "rua= names no destination" : null),
  });
  const value = fields.find((f) => f.name === "rua")?.value;
  if (value === undefined)
    problems.push({ code: "missing-field", field: "rua", reason: "the record has no rua= (it is required)" });
  const rua: TlsRptUri[] = [];
  for (const item of (value ?? "").split(",").map((u) => u.replace(/^[ \t]+|[ \t]+$/g, ""))) {
    if (item === "") continue;
    const { uri, problem } = checkUri(item);
    rua.push(uri);
    if (problem) problems.push({ code: "invalid-value", field: "rua", value: item, reason: problem });
  }
  return { rua, problems };
}

function checkUri(text: string): { uri: TlsRptUri; problem: string | null } {
  const match = URI.exec(text);
  const scheme = match ? (match[1] ?? "").toLowerCase() : null;
  const uri = (valid: boolean): TlsRptUri => ({ uri: text, scheme, valid });
  if (!match) return { uri: uri(false), problem: 'not a URI ("," and "!" must be percent-encoded)' };
  if (scheme === "mailto") {
    const address = (match[2] ?? "").split("?")[0] ?? "";
    const at = address.lastIndexOf("@");
    if (at <= 0 || !HOST.test(address.slice(at + 1)))
      return { uri: uri(false), problem: "not a mailto: address of the form local@domain" };
    return { uri: uri(true), problem: null };
  }
  if (scheme === "https") {
    try {
      if (new URL(text).hostname !== "") return { uri: uri(true), problem: null };
    } catch {
      // fall through
    }
    return { uri: uri(false), problem: "not an https: URL with a host" };
  }
  return { uri: uri(false), problem: `reports go to mailto: or https: URIs, not ${scheme}:` };
}
