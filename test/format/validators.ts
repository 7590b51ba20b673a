/** Independent checks of CI formats: the official SARIF schema (ajv, draft-04) and a JUnit XML parse. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Options, ValidateFunction } from "ajv";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { CONFORMANCE_DIR } from "../helpers/fixtures.js";

// ajv-draft-04 is CommonJS (`module.exports = Ajv`); required directly so its types need no interop guess.
const Ajv = createRequire(import.meta.url)("ajv-draft-04") as new (
  options: Options,
) => { compile(schema: object): ValidateFunction };

const schema = JSON.parse(readFileSync(join(CONFORMANCE_DIR, "sarif/sarif-schema-2.1.0.json"), "utf8"));

export function validateSarif(log: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

export type JunitCase = {
  "@_name": string;
  "@_classname": string;
  failure?: { "@_message": string; "#text": string };
  error?: unknown;
  "system-out"?: string;
};
export type JunitSuite = {
  "@_name": string;
  "@_tests": string;
  "@_failures": string;
  "@_errors": string;
  testcase: JunitCase[];
};

/** Parses JUnit XML the way CI tools read it; throws when it is not well-formed. */
export function parseJunit(xml: string) {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === "testsuite" || name === "testcase",
    parseTagValue: false,
  });
  return parser.parse(xml).testsuites as {
    "@_tests": string;
    "@_failures": string;
    "@_errors": string;
    testsuite: JunitSuite[];
  };
}
