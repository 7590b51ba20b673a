/**
 * Whether dist/bundle/ is newer than everything it was built from, for `npm test`
 * (`node scripts/bundle-cli.ts --if-stale`): in a fresh clone `npm ci` has just built it (`prepare`),
 * and building it again costs ~7 s of the suite's 3-minute budget. After an edit under src/, rules/
 * or node_modules, the edited file is newer than the bundle and it is rebuilt. A file that changes
 * with its old time kept (`cp -p`, `touch -d`) is not noticed: `npm run build` always builds.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Besides the bundle: every file the last build read (esbuild's metafile inputs). */
const INPUTS_FILE = "inputs.json";
/** What decides the bundle without being one of its inputs. */
const BUILD_FILES = ["scripts/bundle-cli.ts", "package.json", "package-lock.json"];

function modifiedMs(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

export function bundleIsFresh(outDir: string): boolean {
  const listFile = join(outDir, INPUTS_FILE);
  const builtAt = modifiedMs(listFile);
  if (builtAt === undefined) return false;
  let inputs: string[];
  try {
    inputs = JSON.parse(readFileSync(listFile, "utf8")) as string[];
  } catch {
    return false;
  }
  return [...inputs, ...BUILD_FILES].every((path) => {
    const modified = modifiedMs(path);
    return modified !== undefined && modified <= builtAt;
  });
}

/** Notes what a build read; written last, so its time is the build's. */
export function recordBundleInputs(outDir: string, inputs: string[]): void {
  writeFileSync(join(outDir, INPUTS_FILE), `${JSON.stringify(inputs)}\n`);
}
