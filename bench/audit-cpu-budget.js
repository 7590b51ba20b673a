/**
 * What the audit row's wall ÷ floor goal asks of check's CPU on this machine. check, Unbound and NSD
 * share the same cores, so check's wall can be no lower than (check's CPU + the servers' CPU meanwhile)
 * ÷ cores, and no lower than its main thread's CPU (JavaScript runs on one thread; V8's compiler and
 * GC threads are the rest of the process's CPU). Turned around at the packing the run got (how busy
 * the cores and the main thread were over its wall): what the goal's wall would leave check. Pure
 * arithmetic on measured medians; nothing here measures.
 */
import { CORES } from "./process-cpu.js";

/**
 * @param {{ checkWallMs: number, checkCpuMs: number, serversDuringCheckMs: number,
 *   ownClientCpuMs: number, mainThreadMs: number, floorWallMs: number, goalRatio: number,
 *   cores?: number }} m  mainThreadMs comes from a run of its own (bench/thread-cpu.js), the rest
 *   are medians of the timed rounds.
 */
export function cpuBudget(m) {
  const cores = m.cores ?? CORES;
  const goalWallMs = m.goalRatio * m.floorWallMs;
  const machineCpuMs = m.checkCpuMs + m.serversDuringCheckMs;
  const lowestWallMs = Math.max(machineCpuMs / cores, m.mainThreadMs);
  const coresBusy = machineCpuMs / (cores * m.checkWallMs);
  const mainThreadBusy = m.mainThreadMs / m.checkWallMs;
  return {
    ...m,
    cores,
    goalWallMs,
    lowestWallMs,
    lowestRatio: lowestWallMs / m.floorWallMs,
    coresBusy,
    mainThreadBusy,
    // The goal's wall, as busy as this run was, minus what the servers need for the same questions.
    cpuAtGoalMs: coresBusy * cores * goalWallMs - m.serversDuringCheckMs,
    mainThreadAtGoalMs: mainThreadBusy * goalWallMs,
  };
}
