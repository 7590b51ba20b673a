/**
 * The repository stands alone: a fresh clone anywhere has everything its tests and documents refer
 * to. No tracked file may name a path outside it, and nothing may cite design notes that are not in it.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPO_DIR } from "../helpers/doc-figures.js";

/** `git grep` in the repository: the tracked files holding any of these fixed strings. */
function trackedFilesNaming(patterns: string[]): string[] | undefined {
  const args = ["grep", "-l", "-I", "-F", ...patterns.flatMap((p) => ["-e", p]), "--", "."];
  const run = spawnSync("git", args, { cwd: REPO_DIR, encoding: "utf8" });
  if (run.error || (run.status !== 0 && run.status !== 1)) return undefined; // not a git checkout
  return run.stdout.split("\n").filter(Boolean);
}

// Built from parts so that this file does not name them itself.
const OUTSIDE_PATHS = [`/${"work"}/`, `../${"shared"}`];
const DESIGN_NOTES = ["PRODUCT", "LIBRARIES", "ARCHITECTURE", "ANCHORS"].map((n) => `${n}.md`);

describe("the repository stands alone", () => {
  it("no tracked file names a path outside the repository", (context) => {
    const files = trackedFilesNaming(OUTSIDE_PATHS);
    if (files === undefined) return context.skip("not a git checkout");
    expect(files).toEqual([]);
  });

  it("no tracked file cites a design note that is not in the repository", (context) => {
    const files = trackedFilesNaming([...DESIGN_NOTES, `${"shared"}/conformance`]);
    if (files === undefined) return context.skip("not a git checkout");
    expect(files).toEqual([]);
  });
});
