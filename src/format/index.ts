import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import { formatMarkdown } from "./markdown.js";
import { formatSarif } from "./sarif.js";
import { formatTable } from "./table.js";
import type { Format, Formatter } from "./types.js";

export const FORMATTERS = {
  github: formatGithub,
  json: formatJson,
  junit: formatJunit,
  markdown: formatMarkdown,
  sarif: formatSarif,
  table: formatTable,
} as const satisfies Record<Format, Formatter>;
