/**
 * Why `input` is not a DKIM selector, or undefined when it is one. A selector is one or more DNS
 * labels placed before `._domainkey.` (RFC 6376 §3.1), e.g. `s1` or `2024.mail`.
 */
export function selectorProblem(input: string): string | undefined {
  const selector = input.trim().toLowerCase();
  if (selector === "") return "empty";
  const labels = selector.split(".");
  if (labels.some((l) => !/^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/.test(l))) {
    return "expected DNS labels (letters, digits, hyphens)";
  }
  return undefined;
}
