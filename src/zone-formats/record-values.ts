/**
 * The record shapes every reader produces, so that one record written in any format becomes the
 * same `ZoneRecord` the RFC 1035 reader would make.
 */
import type { ZoneRecord } from "../dns/zone-records.js";
import { absoluteName } from "./names.js";

/** Record types whose data is one domain name. */
const NAME_TYPES = new Set(["CNAME", "NS", "PTR"]);

export function txtRecord(name: string, ttl: number, type: "TXT" | "SPF", strings: string[]): ZoneRecord {
  return { name, ttl, type, data: strings };
}

export function mxRecord(name: string, ttl: number, priority: number, exchange: string): ZoneRecord {
  return { name, ttl, type: "MX", data: { priority, exchange: absoluteName(exchange) } };
}

/** A, AAAA, CNAME, NS, PTR (target names made absolute), or any other type kept as text. */
export function simpleRecord(name: string, ttl: number, type: string, value: string): ZoneRecord {
  const data = NAME_TYPES.has(type) ? absoluteName(value) : value.trim();
  return { name, ttl, type, data } as ZoneRecord;
}

/** Why a number is not an MX preference (0–65535), or undefined. */
export function preferenceProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return "MX has no preference";
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > 65535) {
    return `MX preference ${JSON.stringify(value)} is not a number from 0 to 65535`;
  }
  return undefined;
}

export function toPreference(value: unknown): number {
  return typeof value === "string" ? Number(value) : (value as number);
}
