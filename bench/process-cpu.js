/**
 * CPU time of a process tree, from /proc (Linux): a server's own time, what its exited children
 * (PostgreSQL's backends, one per connection) left in its counters, and its live children's. With the
 * client's CPU beside it this is what one run costs the machine: with N cores, several such runs at
 * once go at most N × wall ÷ CPU times as fast as one, however well the software scales.
 */
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

export const CORES = availableParallelism();
/** USER_HZ: the unit of /proc/<pid>/stat's times (100 on every Linux we run on). */
const TICKS_PER_SECOND = 100;

/** utime, stime, cutime, cstime and the parent pid of one process, or undefined once it is gone. */
function procTimes(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const n = (i) => Number(fields[i]);
    return { ppid: n(1), own: n(11) + n(12), children: n(13) + n(14) };
  } catch {
    return undefined;
  }
}

/** CPU milliseconds used so far by `rootPid` and every process below it, live or reaped. */
export function treeCpuMs(rootPid) {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const times = procTimes(entry);
    if (times) parents.set(Number(entry), times);
  }
  let ticks = 0;
  const visit = (pid) => {
    const times = parents.get(pid);
    if (!times) return;
    ticks += times.own + times.children;
    for (const [child, t] of parents) if (t.ppid === pid) visit(child);
  };
  visit(rootPid);
  return (ticks * 1000) / TICKS_PER_SECOND;
}
