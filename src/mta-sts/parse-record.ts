import { parseRecordFields, type RecordFieldProblem } from "../smtp-tls/record-fields.js";

export interface ParsedStsRecord {
  id: string | null;
  problems: RecordFieldProblem[];
}

const STS_ID = /^[A-Za-z0-9]{1,32}$/;

/** The `_mta-sts` TXT record (RFC 8461 §3.1): `v=STSv1; id=<1 to 32 letters and digits>`. Pure. */
export function parseStsRecord(text: string): ParsedStsRecord {
  const { fields, problems } = parseRecordFields(text, "v=STSv1", {
    id: (value) => (STS_ID.test(value) ? null : "the id is 1 to 32 letters and digits"),
  });
  const id = fields.find((f) => f.name === "id")?.value ?? null;
  if (!fields.some((f) => f.name === "id"))
    problems.push({ code: "missing-field", field: "id", reason: "the record has no id= (it is required)" });
  return { id, problems };
}
