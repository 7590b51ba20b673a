import { describe, expect, it } from "vitest";
import {
  BUSY_TIMEOUT_VARIABLE,
  DEFAULT_BUSY_TIMEOUT_SECONDS,
  storeBusyTimeoutMs,
} from "../../src/store/busy-timeout.js";
import { StoreError } from "../../src/store/store-error.js";

describe("the store's busy timeout", () => {
  it("is a minute unless MAILAUDIT_STORE_BUSY_TIMEOUT says otherwise (seconds, decimals allowed)", () => {
    expect(DEFAULT_BUSY_TIMEOUT_SECONDS).toBe(60);
    expect(storeBusyTimeoutMs({})).toBe(60_000);
    expect(storeBusyTimeoutMs({ [BUSY_TIMEOUT_VARIABLE]: "" })).toBe(60_000);
    expect(storeBusyTimeoutMs({ [BUSY_TIMEOUT_VARIABLE]: "1.5" })).toBe(1500);
    expect(storeBusyTimeoutMs({ [BUSY_TIMEOUT_VARIABLE]: "3600" })).toBe(3_600_000);
  });

  it.each(["0", "-1", "soon", "3601", "Infinity"])(
    "refuses %s as a configuration error (exit 2)",
    (value) => {
      expect(() => storeBusyTimeoutMs({ [BUSY_TIMEOUT_VARIABLE]: value })).toThrow(StoreError);
      expect(() => storeBusyTimeoutMs({ [BUSY_TIMEOUT_VARIABLE]: value })).toThrow(
        /^MAILAUDIT_STORE_BUSY_TIMEOUT ".*": expected a number of seconds/,
      );
    },
  );
});
