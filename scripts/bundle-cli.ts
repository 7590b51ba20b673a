/**
 * `npm run build` (after tsc): bundles the CLI into dist/bundle/, which bin/mailaudit.js runs. Node's
 * ESM loader spends about 1 ms of CPU per module it resolves, reads and links; unbundled, a one-domain
 * `check` loaded some 230 of our modules and each command its libraries' files besides (numbers in
 * BENCHMARKS.md, "Start-up"). tsc still type-checks and emits dist/src/ (the benches import it).
 *
 * Split, not one file: each `await import()` of ours (a command, a format, the PostgreSQL store, the
 * report readers) becomes its own chunk, loaded when reached, as before. In one file every library
 * imported anywhere was loaded at every start, and `--version` compiled all of it.
 *
 * esbuild-wasm, not esbuild: its WebAssembly build ships inside the npm package, so installing it
 * downloads no binary and runs no install script. Run with Node's type stripping:
 * `node scripts/bundle-cli.ts`.
 */
import { rmSync } from "node:fs";
import { build } from "esbuild-wasm";

const OUT_DIR = "dist/bundle";

/**
 * npm packages left in node_modules, loaded by Node at run time; every other one is bundled
 * (commander, chalk, cli-table3, dns-packet, tldts, pg, pgpass, yauzl, postal-mime).
 */
const EXTERNAL_PACKAGES = [
  // src/spf/mailauth-spf.ts swaps two of its files in Node's CommonJS module cache before its SPF
  // module loads; bundled, there would be no such files to swap.
  "mailauth",
  // Loaded at first use through createRequire (a synchronous lazy load the bundler cannot follow);
  // bundling the static imports too would load a second copy in a run that uses both.
  "yaml",
  "saxes",
  // Its logger (pino, thread-stream) finds worker files by `__dirname`, which an ESM bundle lacks.
  "imapflow",
];

const started = performance.now();
rmSync(OUT_DIR, { recursive: true, force: true }); // chunk names carry hashes: no stale chunk stays
const result = await build({
  entryPoints: ["src/cli/main.ts"],
  outdir: OUT_DIR,
  entryNames: "mailaudit",
  chunkNames: "[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node", // Node's built-ins (node:sqlite too) stay imports of the running Node
  target: "node22",
  external: EXTERNAL_PACKAGES,
  // Bundled CommonJS packages require() Node's built-ins; an ES module has no `require` of its own.
  banner: {
    js: 'import { createRequire as mailauditCreateRequire } from "node:module";\nconst require = mailauditCreateRequire(import.meta.url);',
  },
  // `node --enable-source-maps` (with MAILAUDIT_DEBUG=1) turns bundle lines back into src/ lines.
  sourcemap: "linked",
  sourcesContent: false,
  minify: false, // readable names in profiles and stacks; Node reads the files, nothing downloads them
  logLevel: "warning",
  metafile: true,
});
const sources = Object.keys(result.metafile.inputs).length;
const chunks = Object.keys(result.metafile.outputs).filter((file) => file.endsWith(".js")).length;
const ms = Math.round(performance.now() - started);
process.stdout.write(`${OUT_DIR}: ${sources} source files in ${chunks} chunks (${ms} ms)\n`);
