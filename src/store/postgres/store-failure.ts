import { StoreError, StoreReadOnlyError, StoreUnavailableError } from "../store-error.js";

/**
 * What a PostgreSQL error means for the run. Errors of one report's data (SQLSTATE classes 22, 23,
 * 54: a value the server refuses) stay with that input, which is refused like any other; everything
 * else is about the store and ends the run:
 * - the server cannot be reached, went away or is overloaded (network errors, TLS failures, classes
 *   08, 53, 57, 58): exit 3, a rerun later completes;
 * - wrong credentials, a missing database, missing rights, a damaged schema: exit 2, retrying cannot
 *   fix it; a write refused for lack of rights (42501) or on a read-only server or transaction
 *   (25006) is a StoreReadOnlyError, which a summary reads around (read-only-sums.ts).
 */
export function storeFailure(error: unknown, label: string): StoreError | StoreUnavailableError | undefined {
  if (error instanceof StoreError || error instanceof StoreUnavailableError) return error;
  const { code, message, fromServer } = errorFacts(error);
  // Only the server's own errors carry a SQLSTATE; node's socket codes (EPIPE) may look like one.
  const sqlState = fromServer ? code : undefined;
  const text = `--db ${label}: ${describe(message, code)}`;
  if (sqlState === undefined) return new StoreUnavailableError(text);
  const sqlClass = sqlState.slice(0, 2);
  if (["22", "23", "54"].includes(sqlClass)) return undefined;
  if (["08", "53", "57", "58", "40"].includes(sqlClass)) return new StoreUnavailableError(text);
  if (sqlState === "42501" || sqlState === "25006") return new StoreReadOnlyError(text);
  return new StoreError(text);
}

interface ErrorFacts {
  code: string | undefined;
  message: string;
  /** An ErrorResponse from the server (node-postgres's DatabaseError has a severity), not a socket error. */
  fromServer: boolean;
}

function errorFacts(error: unknown): ErrorFacts {
  if (!(error instanceof Error)) return { code: undefined, message: String(error), fromServer: false };
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  // node's connection errors (ECONNREFUSED to several addresses) arrive as an AggregateError.
  const inner = error instanceof AggregateError ? error.errors[0] : undefined;
  if (error.message === "" && inner instanceof Error) return errorFacts(inner);
  return {
    code: typeof code === "string" ? code : undefined,
    message: error.message,
    fromServer: typeof severity === "string",
  };
}

function describe(message: string, code: string | undefined): string {
  const reason = message.replace(/\s+/g, " ").trim() || "connection failed";
  return code && !reason.includes(code) ? `${reason} (${code})` : reason;
}
