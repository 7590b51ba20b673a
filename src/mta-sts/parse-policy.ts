/**
 * The MTA-STS policy file (RFC 8461 §3.2): `key: value` lines, LF or CRLF, with `version: STSv1`,
 * `mode`, `max_age` and one `mx:` line per pattern. Pure and strict: every problem is collected,
 * nothing is thrown, and what could be read is returned beside the problems.
 */
import type { MtaStsMode, MtaStsPolicyFields, PolicyProblem } from "./types.js";

const MODES: readonly string[] = ["enforce", "testing", "none"] satisfies MtaStsMode[];
const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
// RFC 8461 §3.2 `sts-policy-mx-value = ["*."] Domain` (RFC 5321 Domain: letter-digit-hyphen labels).
const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const MX_PATTERN = new RegExp(`^(?:\\*\\.)?${LABEL}(?:\\.${LABEL})+$`);
const ONCE = ["version", "mode", "max_age"] as const;

/** Decodes the body (UTF-8, as §3.2's grammar) and parses it. */
export function parsePolicyBody(body: Uint8Array): { text: string; fields: MtaStsPolicyFields } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    return { text, fields: parsePolicy(text) };
  } catch {
    const text = new TextDecoder("utf-8").decode(body);
    const fields = parsePolicy(text);
    fields.problems.unshift({ code: "not-utf8", reason: "the policy is not valid UTF-8" });
    return { text, fields };
  }
}

export function parsePolicy(text: string): MtaStsPolicyFields {
  const problems: PolicyProblem[] = [];
  const values = new Map<string, string>();
  const mx: string[] = [];
  const lines = text.split(/\r?\n/);
  // The last terminator is optional; a file ending in one leaves an empty last piece.
  if (lines.at(-1) === "") lines.pop();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (/^[ \t]*$/.test(raw)) {
      problems.push({ code: "blank-line", line, reason: "an empty line (every line is key: value)" });
      return;
    }
    const colon = raw.indexOf(":");
    const key = colon === -1 ? "" : raw.slice(0, colon);
    if (colon === -1 || !KEY.test(key)) {
      problems.push({ code: "malformed-line", line, value: raw, reason: "a line is key: value" });
      return;
    }
    const value = raw.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, "");
    if (key === "mx") {
      if (MX_PATTERN.test(value)) mx.push(value.toLowerCase());
      else
        problems.push({
          code: "bad-mx",
          key,
          value,
          line,
          reason: "an mx pattern is a host name, or *. and a domain (one label is matched by *)",
        });
      return;
    }
    if ((ONCE as readonly string[]).includes(key)) {
      if (values.has(key)) {
        problems.push({ code: "duplicate-key", key, value, line, reason: `${key} may appear only once` });
        return;
      }
      values.set(key, value);
      const problem = checkValue(key, value);
      if (problem) problems.push({ ...problem, key, value, line });
    }
    // Other keys are extensions (§3.2): ignored by senders.
  });
  for (const key of ONCE)
    if (!values.has(key))
      problems.push({ code: "missing-key", key, reason: `the policy has no ${key} (it is required)` });
  const version = values.get("version") ?? null;
  const modeText = values.get("mode");
  const mode = modeText !== undefined && MODES.includes(modeText) ? (modeText as MtaStsMode) : null;
  const maxAgeText = values.get("max_age");
  const maxAge = maxAgeText !== undefined && /^\d{1,10}$/.test(maxAgeText) ? Number(maxAgeText) : null;
  if (mx.length === 0 && mode !== "none" && !problems.some((p) => p.code === "bad-mx"))
    problems.push({
      code: "no-mx",
      key: "mx",
      reason: "the policy lists no mx pattern, so no MX host can match it",
    });
  return { version, mode, maxAge, mx, problems };
}

function checkValue(key: string, value: string): Pick<PolicyProblem, "code" | "reason"> | null {
  switch (key) {
    case "version":
      return value === "STSv1" ? null : { code: "bad-version", reason: 'the version must be "STSv1"' };
    case "mode":
      return MODES.includes(value)
        ? null
        : { code: "bad-mode", reason: "the mode is enforce, testing or none" };
    case "max_age":
      return /^\d{1,10}$/.test(value)
        ? null
        : { code: "bad-max-age", reason: "max_age is a number of seconds (1 to 10 digits)" };
    default:
      return null;
  }
}
