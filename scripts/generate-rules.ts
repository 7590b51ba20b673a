/**
 * `npm run rules:generate`: rewrites the generated parts of the rule catalogue from each rule's
 * `meta` (see scripts/rule-catalogue.ts): rules/index.ts, the index in rules/README.md and the
 * Messages table of every rules/<id>.md. Run with Node's type stripping; the hook below lets the
 * sources' `./x.js` imports find `./x.ts`, as the TypeScript compiler does.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { registerHooks } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (specifier.startsWith(".") && specifier.endsWith(".js"))
        return next(`${specifier.slice(0, -3)}.ts`, context);
      throw error;
    }
  },
});

const { catalogueFiles, ruleIdsFromFiles } = await import("./rule-catalogue.js");
const RULES_DIR = join(import.meta.dirname, "..", "rules");

// Each rule module is imported by its path, not through the registry, so a new rule (or a stale
// registry) is picked up.
const ids = ruleIdsFromFiles(readdirSync(RULES_DIR, { recursive: true, encoding: "utf8" }));
const metas = [];
for (const id of ids) {
  const module = await import(pathToFileURL(join(RULES_DIR, `${id}.ts`)).href);
  if (module.default?.meta?.id !== id)
    throw new Error(`rules/${id}.ts: default export's meta.id is not "${id}"`);
  metas.push(module.default.meta);
}
const read = (path: string) => readFileSync(join(RULES_DIR, path), "utf8");
let changed = 0;
for (const [path, text] of catalogueFiles(ids, metas, read)) {
  let current = "";
  try {
    current = read(path);
  } catch {}
  if (current === text) continue;
  writeFileSync(join(RULES_DIR, path), text);
  process.stdout.write(`wrote rules/${path}\n`);
  changed++;
}
process.stdout.write(`${metas.length} rules, ${changed} file(s) changed\n`);
