import type { Format, Formatter } from "./types.js";

/**
 * Each formatter is imported only when chosen: table and github pull in chalk and cli-table3, and
 * loading all six cost ~38 ms of every `check` start-up, `-f json` included.
 */
const LOADERS = {
  github: async () => (await import("./github.js")).formatGithub,
  html: async () => (await import("./html.js")).formatHtml,
  json: async () => (await import("./json.js")).formatJson,
  junit: async () => (await import("./junit.js")).formatJunit,
  markdown: async () => (await import("./markdown.js")).formatMarkdown,
  sarif: async () => (await import("./sarif.js")).formatSarif,
  table: async () => (await import("./table.js")).formatTable,
} as const satisfies Record<Format, () => Promise<Formatter>>;

export function loadFormatter(format: Format): Promise<Formatter> {
  return LOADERS[format]();
}
