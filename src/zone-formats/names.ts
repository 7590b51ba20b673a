import { normalizeName } from "../dns/types.js";

/** `label` inside `origin`: "" and "@" are the apex; anything else is relative to the origin. */
export function nameInZone(label: string, origin: string): string {
  if (label === "" || label === "@") return origin;
  return normalizeName(`${label}.${origin}`);
}

/** True when `name` is `origin` or below it. */
export function isInZone(name: string, origin: string): boolean {
  return name === origin || name.endsWith(`.${origin}`);
}

/** A name as the APIs take it (fully qualified, trailing dot optional): lower case, no trailing dot. */
export function absoluteName(name: string): string {
  return normalizeName(name.trim());
}

/** Why a string cannot be a domain name here, or undefined. */
export function nameProblem(name: string): string | undefined {
  if (name === "") return "empty name";
  if (/[\s"\\]/.test(name)) return `"${name}" is not a domain name`;
  if (name.length > 254) return "name longer than 253 characters";
  return undefined;
}
