/**
 * What the audit row's wall ÷ floor goal asks of check's CPU on this machine. check, Unbound and NSD
 * share the same cores, so check's wall can be no lower than (check's CPU + the servers' CPU meanwhile)
 * ÷ cores, and no lower than its main thread's CPU (JavaScript runs on one thread; V8's compiler and
 * GC threads are the rest of the process's CPU). Turned around: at the goal's wall, the cores leave
 * check so much CPU. Pure arithmetic on measured medians; nothing here measures.
 */
import { CORES } from "./process-cpu.js";

/**
 * @param {{ checkCpuMs: number, serversDuringCheckMs: number, ownClientCpuMs: number,
 *   mainThreadMs: number, floorWallMs: number, goalRatio: number, cores?: number }} m
 */
export function cpuBudget(m) {
  const cores = m.cores ?? CORES;
  const goalWallMs = m.goalRatio * m.floorWallMs;
  const coresBoundMs = (m.checkCpuMs + m.serversDuringCheckMs) / cores;
  const lowestWallMs = Math.max(coresBoundMs, m.mainThreadMs);
  // All the cores busy for the goal's whole wall, minus what the servers need for the same questions.
  const cpuAllowanceMs = goalWallMs * cores - m.serversDuringCheckMs;
  return {
    ...m,
    cores,
    goalWallMs,
    lowestWallMs,
    lowestRatio: lowestWallMs / m.floorWallMs,
    /** check's CPU beyond asking its questions with the same DNS client (module loading, rules, JSON). */
    beyondQuestionsMs: m.checkCpuMs - m.ownClientCpuMs,
    cpuAllowanceMs,
    cpuCutNeeded: Math.max(0, 1 - cpuAllowanceMs / m.checkCpuMs),
    mainThreadCutNeeded: Math.max(0, 1 - goalWallMs / m.mainThreadMs),
  };
}
