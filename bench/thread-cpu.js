/**
 * Preloaded into one `mailaudit check` by the audit bench (`node --import`): at exit, writes the
 * main thread's CPU time to the file named by MAILAUDIT_BENCH_THREAD_CPU. GNU time gives only the
 * whole process (main thread plus V8's compiler and GC threads); the main thread is the part no
 * second core can take over, so it bounds the wall from below.
 */
import { writeFileSync } from "node:fs";

const file = process.env.MAILAUDIT_BENCH_THREAD_CPU;
if (file) {
  process.on("exit", () => {
    const { user, system } = process.threadCpuUsage();
    writeFileSync(file, JSON.stringify({ mainThreadMs: (user + system) / 1000 }));
  });
}
