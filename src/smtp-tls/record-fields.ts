/**
 * The TXT record grammar MTA-STS (RFC 8461 §3.1) and SMTP TLS Reporting (RFC 8460 §3) share:
 *
 *     record      = version 1*(field-delim field) [field-delim]
 *     field-delim = *WSP ";" *WSP
 *     field       = name "=" value
 *     ext-name    = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
 *     ext-value   = 1*(%x21-3A / %x3C / %x3E-7E)       ; no space, "=" or ";"
 *
 * Pure and strict: every problem is collected, nothing is thrown, and values are returned as written
 * for the caller's own checks (an MTA-STS `id`, a TLS-RPT `rua` list).
 */
export interface RecordField {
  name: string;
  value: string;
}

export type RecordFieldProblemCode =
  | "bad-version"
  | "malformed-field"
  | "duplicate-field"
  | "invalid-value"
  | "missing-field";

export interface RecordFieldProblem {
  code: RecordFieldProblemCode;
  field?: string;
  value?: string;
  reason: string;
}

export interface RecordFields {
  fields: RecordField[];
  problems: RecordFieldProblem[];
}

const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

/**
 * Splits `text` after its version (`v=STSv1`, `v=TLSRPTv1`, case-sensitive as written in the RFCs).
 * `known` holds, per field the record defines, what is wrong with a value (null: nothing); other
 * fields are extensions, whose values only need the extension shape.
 */
export function parseRecordFields(
  text: string,
  version: string,
  known: Readonly<Record<string, (value: string) => string | null>>,
): RecordFields {
  const problems: RecordFieldProblem[] = [];
  const fields: RecordField[] = [];
  const [first = "", ...rest] = text.split(";");
  if (first.replace(/[ \t]+$/, "") !== version) {
    problems.push({
      code: "bad-version",
      value: first,
      reason: `the record must begin with exactly "${version}"`,
    });
  }
  // A trailing ";" (with white space around it) is allowed.
  if (rest.length > 0 && /^[ \t]*$/.test(rest.at(-1) ?? "")) rest.pop();
  const seen = new Set<string>();
  for (const raw of rest) {
    const part = raw.replace(/^[ \t]+|[ \t]+$/g, "");
    const eq = part.indexOf("=");
    if (eq <= 0) {
      problems.push({
        code: "malformed-field",
        value: part,
        reason: part === "" ? "an empty field (two ';' in a row)" : "a field is name=value",
      });
      continue;
    }
    const name = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (!EXT_NAME.test(name)) {
      problems.push({
        code: "malformed-field",
        field: name,
        value,
        reason: "a field name is a letter or digit, then up to 31 letters, digits, '_', '-' or '.'",
      });
      continue;
    }
    if (seen.has(name)) {
      problems.push({ code: "duplicate-field", field: name, value, reason: "a field may appear only once" });
      continue;
    }
    seen.add(name);
    const check = Object.hasOwn(known, name) ? known[name] : undefined;
    const problem = check
      ? check(value)
      : EXT_VALUE.test(value)
        ? null
        : "an extension's value is printable ASCII without spaces, '=' or ';'";
    if (problem !== null) problems.push({ code: "invalid-value", field: name, value, reason: problem });
    fields.push({ name, value });
  }
  return { fields, problems };
}
