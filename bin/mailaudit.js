#!/usr/bin/env node
// This file must parse and run on any Node from 14 on (no top-level await, no static import of
// something an old Node lacks), so that an old Node reaches the version check and prints one line
// instead of a SyntaxError stack. Everything else is loaded only after the check.
const MINIMUM_NODE = "22.19"; // package.json "engines" (a test keeps the two equal)

const found = process.versions.node;
const [major, minor] = found.split(".").map(Number);
const [needMajor, needMinor] = MINIMUM_NODE.split(".").map(Number);
if (major < needMajor || (major === needMajor && minor < needMinor)) {
  process.stderr.write(`mailaudit needs Node.js ${MINIMUM_NODE} or newer (found ${found})\n`);
  process.exitCode = 2;
} else if (process.argv[2] === "reports" && process.argv[3] === "ingest") {
  // Only the ingest pays for loading this (bin/young-generation.js says why it exists).
  import("./young-generation.js").then((ingest) => {
    if (ingest.wantsSmallYoungGeneration()) ingest.runWithSmallYoungGeneration();
    else {
      ingest.dieWithParent();
      startCli();
    }
  });
} else {
  startCli();
}

function startCli() {
  // Reuse V8's compiled code across runs (cron and CI start mailaudit often): a one-domain check
  // starts about 25 ms faster. The cache lives in the OS temp folder, keyed by file content; where it
  // cannot be written, Node quietly runs without it. It must be on before the CLI's modules load.
  import("node:module").then((module) => {
    if (typeof module.enableCompileCache === "function") module.enableCompileCache();
    return import("../dist/bundle/mailaudit.js");
  });
}
