/**
 * Whether a target name (a domain-spec without macros, as written) can ever be sent to DNS.
 * RFC 7208 §7.1's grammar allows domain-specs that are no domain name (`a:host..example`, a label
 * of 64 octets): RFC 1035 §2.3.4 limits labels to 1–63 octets. Such a name is a definite answer,
 * never a DNS failure: check_host treats an `a`/`mx`/`exists`/`ptr` target like it as no match
 * and an `include`/`redirect` target as permerror (§4.3: malformed <domain> → none; §5.2, §6.1),
 * what the RFC 7208 suite's invalid-domain-* cases accept. The checks mirror the evaluator's
 * (mailauth strict mode): one trailing dot dropped, §7.3's truncation of names over 253
 * characters from the left, then at least two labels of 1–63 octets.
 */
const MAX_NAME = 253;
const MAX_LABEL = 63;

/** The reason `name` can never be queried, or undefined when it can. */
export function impossibleNameReason(name: string): string | undefined {
  let target = name.endsWith(".") ? name.slice(0, -1) : name;
  // §7.3: "the left side is truncated to fit, by removing successive domain labels".
  while (target.length > MAX_NAME && target.includes(".")) target = target.slice(target.indexOf(".") + 1);
  const labels = target.split(".");
  if (labels.some((label) => label === "")) return `"${name}" has an empty label (RFC 1035 §2.3.4)`;
  const long = labels.find((label) => Buffer.byteLength(label, "utf8") > MAX_LABEL);
  if (long !== undefined)
    return `"${name}" has a label of ${Buffer.byteLength(long, "utf8")} octets; at most ${MAX_LABEL} are allowed (RFC 1035 §2.3.4)`;
  if (labels.length < 2) return `"${name}" is not a multi-label domain name (RFC 7208 §4.3)`;
  return undefined;
}
