import { Chalk, type ChalkInstance } from "chalk";
import type { LookupFailure } from "../dns/types.js";
import type { CheckHostOutcome } from "../spf/check-host.js";
import type { SpfAudit, SpfNode, SpfNodeStatus } from "../spf/types.js";
import { escapeForTerminal } from "./escape.js";

export interface SpfEvaluation {
  ip: string;
  sender: string;
  helo: string | null;
  result: CheckHostOutcome["result"];
  explanation: string | null;
}

/** What `mailaudit spf` shows: the tree, its DNS failures, and the check_host result when asked. */
export interface SpfView {
  domain: string;
  spf: SpfAudit;
  lookupFailures: LookupFailure[];
  /** What the reader should know about how the answer was reached (e.g. a malformed domain). */
  notices: string[];
  evaluation?: SpfEvaluation;
}

/** The JSON document of `mailaudit spf` (docs/cli.md): `{ schemaVersion, domain, spf, evaluation? }`. */
export function spfJsonDocument(view: SpfView) {
  return {
    schemaVersion: 1,
    domain: view.domain,
    spf: view.spf,
    lookupFailures: view.lookupFailures,
    notices: view.notices,
    ...(view.evaluation ? { evaluation: view.evaluation } : {}),
  };
}

export const SPF_STATUS_NOTES: Record<SpfNodeStatus, string> = {
  ok: "",
  missing: "no SPF record",
  multiple: "several SPF records",
  temperror: "DNS lookup failed",
  loop: "loop: already being evaluated",
  macro: "built from macros: not followed",
  "impossible-name": "can never be a DNS name: permerror",
  truncated: "not expanded: tree too large",
};

/** The human view: an indented tree with per-node lookup counts. Every DNS-derived string is escaped. */
export function formatSpfTree(view: SpfView, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const { spf } = view;
  const lines = [
    `${c.bold(escapeForTerminal(view.domain))}  ${spf.record ? escapeForTerminal(spf.record) : c.yellow(rootNote(spf))}`,
  ];
  if (spf.tree) {
    const atLeast = spf.lookupCountIsLowerBound ? "at least " : "";
    const lookups = `${atLeast}${spf.lookupCount} DNS-querying terms (limit 10)`;
    lines.push(
      `  ${spf.lookupCount > 10 ? c.red(lookups) : lookups}, ${spf.voidLookupCount} void lookups (limit 2)`,
    );
    lines.push(...treeLines(spf.tree, "", "", c));
  }
  for (const failure of view.lookupFailures) {
    lines.push(
      c.yellow(
        `  DNS lookup of ${failure.type} ${escapeForTerminal(failure.name)} failed (${escapeForTerminal(failure.reason)}): inconclusive`,
      ),
    );
  }
  for (const notice of view.notices) lines.push(c.cyan(`  notice: ${escapeForTerminal(notice)}`));
  if (view.evaluation) lines.push(...evaluationLines(view.evaluation, c));
  return `${lines.join("\n")}\n`;
}

function rootNote(spf: SpfAudit): string {
  if (spf.inconclusive) return "(SPF record could not be read)";
  if (spf.records.length > 1) return `(${spf.records.length} SPF records)`;
  return "(no SPF record)";
}

function treeLines(node: SpfNode, prefix: string, childPrefix: string, c: ChalkInstance): string[] {
  const label = node.term ? escapeForTerminal(node.term) : escapeForTerminal(node.domain);
  const note = SPF_STATUS_NOTES[node.status];
  const counts =
    node.status === "ok"
      ? c.dim(
          `${node.ownLookups} here, ${node.subtreeLookups - node.ownLookups} below${node.subtreeVoidLookups ? `, ${node.subtreeVoidLookups} void` : ""}`,
        )
      : c.yellow(`[${note}]`);
  const lines = [`  ${prefix}${label}  ${counts}`];
  node.children.forEach((child, i) => {
    const last = i === node.children.length - 1;
    lines.push(
      ...treeLines(
        child,
        `${childPrefix}${last ? "└─ " : "├─ "}`,
        `${childPrefix}${last ? "   " : "│  "}`,
        c,
      ),
    );
  });
  return lines;
}

function evaluationLines(evaluation: SpfEvaluation, c: ChalkInstance): string[] {
  const identity = `ip ${evaluation.ip}, sender ${escapeForTerminal(evaluation.sender)}${evaluation.helo ? `, helo ${escapeForTerminal(evaluation.helo)}` : ""}`;
  const lines = ["", `${c.bold("check_host:")} ${resultColor(evaluation.result, c)}  (${identity})`];
  if (evaluation.explanation) lines.push(`  explanation: ${escapeForTerminal(evaluation.explanation)}`);
  return lines;
}

function resultColor(result: SpfEvaluation["result"], c: ChalkInstance): string {
  if (result === "pass") return c.green(result);
  if (result === "fail" || result === "permerror") return c.red(result);
  if (result === "temperror") return c.yellow(result);
  return result;
}
