/**
 * Loads mailauth's SPF evaluator with two of its parts replaced by ours (mailauth-replacements.ts),
 * so that `check` and `spf --ip` share one grammar by construction (see patches/README.md):
 *
 * - `validateTerms` (mailauth's record syntax check, RFC 7208 §4.6) asks our parser (parse.ts):
 *   a record is a syntax error for check_host exactly when `check` reports spf/syntax for it.
 * - the macro expander (mailauth's `lib/spf/macro.js`) is ours (expand-macro.ts): mailauth 7.1.0's
 *   mishandles a "-" between two other delimiters (RFC 7208 §7.1 allows any mix).
 *
 * In the bundle they are built in (scripts/bundle-cli.ts); loaded from node_modules they
 * are swapped in Node's module cache first (mailauth-module-cache.ts). Tests assert both replacements
 * are in effect, through the functions (test/spf/mailauth-spf.test.ts) and through the built CLI
 * (test/cli/spf-mailauth-replacements.test.ts), and that the installed mailauth still has the bug.
 */
import { installMailauthReplacements } from "./mailauth-module-cache.js";

type SpfFunction = typeof import("mailauth")["spf"];

/** mailauth's `spf()`, evaluating with our parser and our macro expansion. */
export async function loadMailauthSpf(): Promise<SpfFunction> {
  installMailauthReplacements();
  // Loaded on first use, and only mailauth's SPF module: the package root pulls in ~340 CommonJS
  // files (undici, BIMI certificate parsing, ARC, DKIM) that check_host never uses. Measured on this
  // machine under load: importing "mailauth" 366–401 ms, "mailauth/lib/spf/index.js" 131–155 ms.
  // mailauth has no `exports` map, so the deep path is a plain file of the exactly pinned version.
  // `default` is the CommonJS module.exports under Node and in the bundle alike; a bundle chunk of a
  // CommonJS module has no named exports of its own.
  const { default: mailauthSpf } = await import("mailauth/lib/spf/index.js");
  return mailauthSpf.spf;
}
