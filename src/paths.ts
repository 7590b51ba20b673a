import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package's root folder, found from this file whether it runs from src/ (tests), dist/src/ or dist/bundle/. */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("mailaudit: cannot find its package.json");
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = findPackageRoot();

/** The documentation of a rule, beside its module: `rules/<group>/<name>.md`. */
export function ruleDocPath(ruleId: string): string {
  return join(PACKAGE_ROOT, "rules", `${ruleId}.md`);
}
