/**
 * The README's "See it" example, run as written (in a temp folder where `fixtures/` is the
 * repository's): ingest the sample reports, write the page. The one change: `--no-dns` on the summary,
 * since tests ask no public DNS for the samples' reverse names. What the page shows is tested in
 * Chromium by test/html/summary-page.test.ts.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_DIR } from "../helpers/doc-figures.js";

const BIN = join(REPO_DIR, "bin", "mailaudit.js");
const dir = mkdtempSync(join(tmpdir(), "mailaudit-readme-html-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readmeCommands(): string[] {
  const readme = readFileSync(join(REPO_DIR, "README.md"), "utf8");
  const block = readme.match(
    /<!--readme-example:html-->\s*```sh\n([\s\S]*?)```\s*<!--\/readme-example:html-->/,
  );
  if (!block?.[1]) throw new Error("README.md has no <!--readme-example:html--> block");
  return block[1]
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter(Boolean);
}

describe("README: the two-line HTML example", () => {
  it("ingests the sample reports and writes a page about both domains", () => {
    const commands = readmeCommands();
    expect(commands).toHaveLength(2);
    symlinkSync(join(REPO_DIR, "fixtures"), join(dir, "fixtures"));
    for (const command of commands) {
      expect(command.startsWith("npx mailaudit ")).toBe(true);
      const withBuiltCli = command
        .replace(/^npx mailaudit /, `'${process.execPath}' '${BIN}' `)
        .replace(/ -f html /, " -f html --no-dns ");
      execFileSync("sh", ["-c", withBuiltCli], {
        cwd: dir,
        env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` },
        stdio: ["ignore", "pipe", "pipe"],
      });
    }
    const page = join(dir, "report.html");
    expect(existsSync(page)).toBe(true);
    const html = readFileSync(page, "utf8");
    expect(html).toContain("<h1>Who sends as your 2 domains?</h1>");
    expect(html).toContain('data-domain="example.com"');
    expect(html).toContain('data-domain="example.org"');
  });
});
