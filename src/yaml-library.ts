import { createRequire } from "node:module";

type Yaml = typeof import("yaml");
let yaml: Yaml | undefined;

/**
 * The yaml package, loaded at its first use rather than at every start: it is 72 modules, and most
 * runs read no YAML (no mailaudit.yaml, no octoDNS zone). require() is a synchronous import, so the
 * parsers that use it stay synchronous; yaml ships CommonJS for Node, the same module `import` gets.
 */
export function yamlLibrary(): Yaml {
  yaml ??= createRequire(import.meta.url)("yaml") as Yaml;
  return yaml;
}
