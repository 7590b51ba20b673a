import { defineGroup } from "../define-command.js";
import ingest from "./reports-ingest.js";
import parse from "./reports-parse.js";
import prune from "./reports-prune.js";
import summary from "./reports-summary.js";

/** `mailaudit reports …`: the DMARC aggregate report commands. */
export default defineGroup("reports", "DMARC aggregate reports: ingest, summarize, prune, parse", [
  ingest,
  summary,
  prune,
  parse,
]);
