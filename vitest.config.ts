import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One fast-check seed for every property test: fixed unless FC_SEED says otherwise.
    setupFiles: ["test/setup/fast-check-seed.ts"],
    // Tests start real DNS servers and SQLite files; a generous per-test budget avoids flakes on a
    // loaded 2-core machine (at load 25-30, CPU-bound property tests took over 30 s; a runaway input
    // is caught by their own per-input CPU bound). Speed is measured by `npm run bench`, never by tests.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Test files run in separate processes (isolated), as many at a time as there are cores (at least
    // two): vitest's default, cores - 1, ran them one by one on a 2-core machine while most files wait
    // on servers, timeouts and CLI processes. Each file uses its own free ports and temp folders, so
    // files never share state. More workers than cores made time-bound tests flaky on a loaded machine.
    maxWorkers: Math.max(2, availableParallelism()),
    // A worker runs its files one after another in one module graph instead of a fresh one per file
    // (194 files, each re-importing vitest and our modules). Safe because no file leaves global state
    // behind: the few that set process.env or fake timers put them back in afterEach/finally, servers
    // and temp folders are per file, and what src/ keeps at module level are caches of pure results
    // (parsed records, loaded libraries, zone files read once by path) that any file may share.
    isolate: false,
  },
});
