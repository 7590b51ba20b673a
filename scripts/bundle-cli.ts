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
import { readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { build, type Plugin } from "esbuild-wasm";
import { bundleIsFresh, recordBundleInputs } from "./bundle-freshness.ts";

const OUT_DIR = "dist/bundle";
const REQUIRE_BANNER = "const require = mailauditCreateRequire(import.meta.url);";

/**
 * npm packages left in node_modules, loaded by Node at run time; every other one is bundled
 * (commander, chalk, cli-table3, dns-packet, tldts, pg, pgpass, yauzl, postal-mime, and mailauth's
 * SPF module with what it requires: joi, @hapi/*, libmime, ipaddr.js, punycode.js; see
 * mailauthReplacements below for how our two replacements get into it).
 */
const EXTERNAL_PACKAGES = [
  // Loaded at first use through createRequire (a synchronous lazy load the bundler cannot follow);
  // bundling the static imports too would load a second copy in a run that uses both.
  "yaml",
  "saxes",
  // Its logger (pino, thread-stream) finds worker files by `__dirname`, which an ESM bundle lacks.
  "imapflow",
];

/** The mailauth release whose SPF files mailauthReplacements was checked against (package.json pins it). */
const MAILAUTH_REVIEWED = "7.1.0";

/**
 * Builds mailauth's SPF evaluator with our replacements in (src/spf/mailauth-replacements.ts; why:
 * patches/README.md): `lib/spf/syntax.js` as mailauth's with `validateTerms` set to ours, as
 * src/spf/mailauth-module-cache.ts does in Node's module cache, and `lib/spf/macro.js` as ours alone.
 * That module-cache swap has nothing to act on in the bundle (mailauth's files are not loaded from
 * node_modules), so it is built as a no-op. Anything that does not look like the reviewed mailauth
 * stops the build: bundling its own files unreplaced would quietly bring its macro bug back.
 */
function mailauthReplacements(replaced: Set<string>): Plugin {
  const require = createRequire(import.meta.url);
  const refuse = (why: string): never => {
    throw new Error(
      `scripts/bundle-cli.ts: ${why}. Check src/spf/mailauth-replacements.ts against the installed mailauth, then update mailauthReplacements and MAILAUTH_REVIEWED.`,
    );
  };
  const { version } = JSON.parse(readFileSync(require.resolve("mailauth/package.json"), "utf8")) as {
    version: string;
  };
  if (version !== MAILAUTH_REVIEWED)
    refuse(`mailauth ${version} is installed, the replacements were made for ${MAILAUTH_REVIEWED}`);
  const spfFile = (name: string) => realpathSync(require.resolve(`mailauth/lib/spf/${name}`));
  const files = {
    verify: spfFile("spf-verify.js"),
    syntax: spfFile("syntax.js"),
    macro: spfFile("macro.js"),
  };
  // What the replacements rely on: spf-verify.js takes both at load time from these two files,
  // syntax.js exports validateTerms from one object, macro.js exports the expander alone.
  const expect = (file: string, text: string) => {
    if (!readFileSync(file, "utf8").includes(text))
      refuse(`${file} no longer contains ${JSON.stringify(text)}`);
  };
  expect(files.verify, "const macro = require('./macro');");
  expect(files.verify, "validateTerms } = require('./syntax');");
  expect(files.syntax, "module.exports = {");
  expect(files.syntax, "    validateTerms\n};");
  expect(files.macro, "module.exports = macro;");
  const ours = realpathSync("src/spf/mailauth-replacements.ts");
  const moduleCache = realpathSync("src/spf/mailauth-module-cache.ts");
  const requireOurs = `require(${JSON.stringify(ours)})`;
  return {
    name: "mailauth-replacements",
    setup(bundle) {
      bundle.onLoad(
        { filter: /mailauth[\\/]lib[\\/]spf[\\/](syntax|macro)\.js$|mailauth-module-cache\.ts$/ },
        (args) => {
          const path = realpathSync(args.path);
          let contents: string;
          if (path === files.syntax)
            contents = `${readFileSync(path, "utf8")}\nmodule.exports.validateTerms = ${requireOurs}.validateTerms;\n`;
          else if (path === files.macro) contents = `module.exports = ${requireOurs}.expandForMailauth;\n`;
          else if (path === moduleCache)
            contents =
              "// The bundle's mailauth has the replacements built in (scripts/bundle-cli.ts).\nexport function installMailauthReplacements() {}\n";
          else return undefined;
          replaced.add(path);
          return { contents, loader: path === moduleCache ? "ts" : "js" };
        },
      );
    },
  };
}

/**
 * Node's built-ins, statically imported, become `require()`s of the banner's `require`. An ES
 * import of a built-in makes Node build an ES module facade that reads every export once, and that
 * runs the lazy getters: `node:fs` loads fs/promises and readline, `node:crypto` webcrypto,
 * `node:util` parseArgs and the diff code, `node:process` the report module. A scratch script
 * importing the built-ins `check` uses spent ~25-35 ms of CPU as imports, ~15-19 ms as requires.
 * Rewritten in esbuild's output, not resolved to CommonJS wrappers during the build: those became
 * chunks of their own (more modules to load). The requires go on the banner's line, before any
 * code, as imports are hoisted; each import statement leaves its line breaks behind, so the
 * source maps still hold. `node:module` stays imported (the banner's `require` comes from it), and
 * `import()` of a built-in is left alone.
 */
const BUILTIN_IMPORT =
  /^import (?:(\w+) |(\w+), )?(?:\{([^}]*)\} )?(?:\* as (\w+) )?from "(node:(?!module")[\w/]+)";$/gm;

function requireBuiltins(code: string): string {
  const requires: string[] = [];
  const rest = code.replace(BUILTIN_IMPORT, (whole, only, first, named, namespace, specifier) => {
    const source = `require(${JSON.stringify(specifier)})`;
    const bindings =
      named === undefined
        ? undefined
        : `{ ${named
            .replace(/\s+/g, " ")
            .trim()
            .replace(/(\w+) as (\w+)/g, "$1: $2")} }`;
    const name = only ?? first ?? namespace;
    if (name !== undefined) requires.push(`const ${name} = ${source};`);
    if (bindings !== undefined) requires.push(`const ${bindings} = ${name ?? source};`);
    return whole.replace(/[^\n]/g, "");
  });
  if (requires.length === 0) return code;
  if (!rest.includes(REQUIRE_BANNER))
    throw new Error("scripts/bundle-cli.ts: a chunk lacks the require banner");
  return rest.replace(REQUIRE_BANNER, `${REQUIRE_BANNER} ${requires.join(" ")}`);
}

if (process.argv.includes("--if-stale") && bundleIsFresh(OUT_DIR)) {
  process.stdout.write(`${OUT_DIR}: up to date\n`);
  process.exit(0);
}
const replaced = new Set<string>();
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
    js: `import { createRequire as mailauditCreateRequire } from "node:module";\n${REQUIRE_BANNER}`,
  },
  // `node --enable-source-maps` (with MAILAUDIT_DEBUG=1) turns bundle lines back into src/ lines.
  sourcemap: "linked",
  sourcesContent: false,
  minify: false, // readable names in profiles and stacks; Node reads the files, nothing downloads them
  logLevel: "warning",
  metafile: true,
  plugins: [mailauthReplacements(replaced)],
});
// Each of the three must have been built as replaced (a changed import path would skip one silently).
if (replaced.size !== 3)
  throw new Error(
    `scripts/bundle-cli.ts: mailauth's SPF files were not all replaced: ${[...replaced].join(", ")}`,
  );
for (const file of Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".js")))
  writeFileSync(file, requireBuiltins(readFileSync(file, "utf8")));
recordBundleInputs(OUT_DIR, Object.keys(result.metafile.inputs));
const sources = Object.keys(result.metafile.inputs).length;
const chunks = Object.keys(result.metafile.outputs).filter((file) => file.endsWith(".js")).length;
const ms = Math.round(performance.now() - started);
process.stdout.write(`${OUT_DIR}: ${sources} source files in ${chunks} chunks (${ms} ms)\n`);
