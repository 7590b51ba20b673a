/**
 * Suites that need a program from Debian (NSD, Dovecot, pyspf…) are skipped with a visible message on
 * a developer's machine without it, and fail loudly when CI is set: .ci/run installs them there, and
 * a skipped suite must not look green.
 */
export function toolAvailable(found: boolean, message: string): boolean {
  if (found) return true;
  if (process.env.CI) throw new Error(`CI is set and ${message}`);
  console.warn(`SKIPPED: ${message}`);
  return false;
}
