/**
 * An older Node gets one sentence and exit 2, not a SyntaxError stack and exit 1 (which a CI job would
 * read as "findings"). The check runs the real bin under a real older Node when the machine has one
 * (Debian's /usr/bin/node); the rest holds everywhere.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectPublishedFigures, REPO_DIR } from "../helpers/doc-figures.js";

const BIN = join(REPO_DIR, "bin", "mailaudit.js");
const binText = readFileSync(BIN, "utf8");
const minimum = /const MINIMUM_NODE = "(\d+\.\d+)"/.exec(binText)?.[1];

const atLeast = (version: string, floor: string) => {
  const [a = 0, b = 0] = version.split(".").map(Number);
  const [x = 0, y = 0] = floor.split(".").map(Number);
  return a > x || (a === x && b >= y);
};

/** Node binaries on this machine older than the minimum, with their versions. */
function olderNodes(): { path: string; version: string }[] {
  return ["/usr/bin/node", "/usr/local/bin/node"]
    .filter((path) => existsSync(path))
    .map((path) => ({
      path,
      version: spawnSync(path, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.trim(),
    }))
    .filter(
      ({ version }) => /^\d+\.\d+/.test(version) && minimum !== undefined && !atLeast(version, minimum),
    );
}

describe("Node version check in bin/mailaudit.js", () => {
  it("asks for the version package.json's engines field names, which README publishes with the pinned Node", () => {
    const pkg = JSON.parse(readFileSync(join(REPO_DIR, "package.json"), "utf8"));
    expect(pkg.engines.node).toBe(`>=${minimum}`);
    expectPublishedFigures({
      "node.minimum": String(minimum),
      "node.pinned": String(pkg.devDependencies.node).split(".")[0] ?? "",
    });
  });

  it("an older Node prints one line naming the version it found, exit 2", (context) => {
    const nodes = olderNodes();
    if (nodes.length === 0) return context.skip("no Node older than the minimum on this machine");
    for (const { path, version } of nodes) {
      for (const args of [["--version"], ["check", "example.com"]]) {
        const run = spawnSync(path, [BIN, ...args], { encoding: "utf8" });
        expect(run.stderr).toBe(`mailaudit needs Node.js ${minimum} or newer (found ${version})\n`);
        expect(run.stdout).toBe("");
        expect(run.status, `${path} ${args.join(" ")}`).toBe(2);
      }
    }
  });

  it("the running Node (new enough) starts the CLI", () => {
    const run = spawnSync(process.execPath, [BIN, "--version"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO_DIR, "package.json"), "utf8")).version);
  });
});
