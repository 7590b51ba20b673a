import { formatJson } from "./json.js";
import { formatTable } from "./table.js";
import type { Format, Formatter } from "./types.js";

/** Formats not built yet are absent; the CLI reports them as unsupported. */
export const FORMATTERS: Partial<Record<Format, Formatter>> = {
  table: formatTable,
  json: formatJson,
};
