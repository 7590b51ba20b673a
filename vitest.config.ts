import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One fast-check seed for every property test: fixed unless FC_SEED says otherwise.
    setupFiles: ["test/setup/fast-check-seed.ts"],
    // Tests start real DNS servers and SQLite files; a generous per-test budget avoids flakes on a
    // loaded 2-core machine. Speed is measured by `npm run bench`, never by tests.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
