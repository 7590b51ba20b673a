/**
 * Hostile `--zone` inputs end in bounded time and memory with one clear refusal: a 50 MB plan is
 * refused before it is read, deep JSON nesting before JSON.parse walks it, and a YAML alias bomb
 * before it expands.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ZoneInputError } from "../../src/zone-formats/input-error.js";
import { MAX_JSON_DEPTH } from "../../src/zone-formats/json-input.js";
import { MAX_FLOW_DEPTH } from "../../src/zone-formats/octodns.js";
import {
  MAX_ZONE_INPUT_BYTES,
  parseZoneInput,
  readZoneInputFile,
} from "../../src/zone-formats/read-zone-input.js";
import { expectPublishedFigures } from "../helpers/doc-figures.js";
import { runCli } from "../helpers/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "mailaudit-zone-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusal = (run: () => unknown) => {
  const started = performance.now();
  try {
    run();
  } catch (error) {
    if (error instanceof ZoneInputError) return { message: error.message, ms: performance.now() - started };
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("hostile --zone inputs", () => {
  it("publishes the limits it enforces", () => {
    expectPublishedFigures({
      "zone.max-input-mb": MAX_ZONE_INPUT_BYTES / 1024 / 1024,
      "zone.max-json-depth": MAX_JSON_DEPTH,
      "zone.max-yaml-flow-depth": MAX_FLOW_DEPTH,
    });
  });

  it("refuses a 50 MB plan without reading it whole", async () => {
    const path = join(dir, "huge-plan.json");
    const padding = "x".repeat(50 * 1024 * 1024);
    writeFileSync(
      path,
      `{"format_version":"1.2","terraform_version":"1.9.8","resource_changes":[],"pad":"${padding}"}`,
    );
    const refused = refusal(() => readZoneInputFile(path));
    expect(refused.message).toContain(`${MAX_ZONE_INPUT_BYTES / 1024 / 1024} MB limit`);
    // Through the CLI: one line, exit 2, no stack.
    const result = await runCli(["check", "example.com", "--zone", path, "-r", "127.0.0.1:9"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("huge-plan.json");
  });

  it("refuses JSON nested a million deep at once", () => {
    const deep = `{"format_version":"1.2","resource_changes":${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}}`;
    const refused = refusal(() => parseZoneInput(Buffer.from(deep), { source: "deep.json" }));
    expect(refused.message).toContain(`deep.json:1: JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    expect(refused.ms).toBeLessThan(2_000);
  });

  it("refuses a YAML alias bomb (a billion laughs) without expanding it", () => {
    let yaml = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (let i = 0; i < 9; i++) {
      const prev = i === 0 ? "a" : `b${i - 1}`;
      yaml += `b${i}: &b${i} [${Array(9).fill(`*${prev}`).join(", ")}]\n`;
    }
    const refused = refusal(() => parseZoneInput(Buffer.from(yaml), { source: "bomb.example.yaml" }));
    expect(refused.message).toContain("aliases expand too far");
    expect(refused.ms).toBeLessThan(2_000);
  });

  it("refuses deeply nested YAML flow collections before the parser recurses", () => {
    const yaml = `a:\n  type: TXT\n  value: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
    const refused = refusal(() => parseZoneInput(Buffer.from(yaml), { source: "deep.example.yaml" }));
    expect(refused.message).toContain(
      `deep.example.yaml:3: YAML nested deeper than ${MAX_FLOW_DEPTH} levels`,
    );
    expect(refused.ms).toBeLessThan(2_000);
  });
});
