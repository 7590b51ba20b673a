import { parseSpfRecord } from "../spf/parse.js";

/**
 * Whether an SPF record lets some host pass: a mechanism with the `+` (pass) qualifier, written or
 * implied, or a `redirect=` (whose target decides). `v=spf1 -all` is what a domain that sends
 * nothing publishes.
 */
export function spfAuthorizesSenders(record: string): boolean {
  return parseSpfRecord(record).terms.some((term) =>
    term.kind === "modifier" ? term.name === "redirect" : term.qualifier === "+",
  );
}
