/**
 * Puts our replacements (mailauth-replacements.ts) into mailauth's SPF evaluator when Node loads
 * mailauth from node_modules (tsc's dist/src/, vitest): swaps them in Node's CommonJS module cache
 * before mailauth's `spf-verify.js` first loads (it takes both at load time). At run time rather than
 * by editing node_modules at install time: nothing to re-apply after `npm ci`, nothing that blocked
 * install scripts could skip, and no other program sharing the installed mailauth is affected.
 *
 * The bundle has mailauth built with the replacements already in (scripts/bundle-cli.ts),
 * and the plugin builds this module as a no-op: there, mailauth's files are not in node_modules' cache.
 */
import { createRequire } from "node:module";
import { expandForMailauth, validateTerms } from "./mailauth-replacements.js";

const require = createRequire(import.meta.url);

/** The module files of mailauth 7.1.0 this touches (resolved, so hoisting does not matter). */
export const MAILAUTH_FILES = {
  verify: require.resolve("mailauth/lib/spf/spf-verify.js"),
  syntax: require.resolve("mailauth/lib/spf/syntax.js"),
  macro: require.resolve("mailauth/lib/spf/macro.js"),
};

let installed = false;

export function installMailauthReplacements(): void {
  if (installed) return;
  if (require.cache[MAILAUTH_FILES.verify]) {
    // spf-verify.js has already taken the originals: evaluating now would silently use them.
    throw new Error(
      "internal error: mailauth's SPF evaluator was loaded before mailaudit's parser was installed",
    );
  }
  const syntax = require(MAILAUTH_FILES.syntax) as { validateTerms: typeof validateTerms };
  syntax.validateTerms = validateTerms;
  require(MAILAUTH_FILES.macro);
  const macroModule = require.cache[MAILAUTH_FILES.macro];
  if (!macroModule) throw new Error("internal error: mailauth's macro module is not in the module cache");
  macroModule.exports = expandForMailauth;
  installed = true;
}
