import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./paths.js";

let version: string | undefined;

/** mailaudit's version from its package.json, read once per run (`--version`, SARIF's tool version). */
export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string })
    .version;
  return version;
}
