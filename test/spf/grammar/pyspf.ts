/**
 * pyspf (Debian's python3-spf) as a second check_host, for the differential test: one Python
 * process per test file, one JSON line per record (pyspf_oracle.py). Python is looked up on PATH as
 * `python3`, the first that can import `spf` (a developer's pyenv shim may not). Without pyspf the
 * differential test is skipped with a visible message, and fails when CI is set (.ci/run installs
 * python3-spf), as the end-to-end DNS suite does.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { createInterface } from "node:readline";
import { toolAvailable } from "../../helpers/optional-tool.js";
import type { PyspfFix } from "./pyspf-wrong.js";
import { UNIVERSE } from "./universe.js";

export interface PyspfAnswer {
  result: string;
  reason: string;
}

export interface PyspfRequest {
  record: string;
  ip: string;
  sender: string;
  helo: string;
  /** Corrections of pyspf's known departures to apply for this evaluation (pyspf-wrong.ts). */
  fixes?: readonly PyspfFix[];
}

/** The first `python3` on PATH that imports pyspf, or undefined. */
export function findPyspfPython(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(dir, "python3");
    try {
      accessSync(candidate, constants.X_OK);
    } catch {
      continue;
    }
    if (spawnSync(candidate, ["-c", "import spf"], { stdio: "ignore" }).status === 0) return candidate;
  }
  return undefined;
}

/** True when pyspf can run; a visible skip on a developer's machine, an error under CI. */
export function pyspfAvailable(): boolean {
  return toolAvailable(
    findPyspfPython() !== undefined,
    "the pyspf differential test needs python3-spf: apt-get install python3-spf",
  );
}

export class Pyspf {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #waiting: ((answer: PyspfAnswer) => void)[] = [];
  #stderr = "";

  constructor(python: string) {
    const script = join(import.meta.dirname, "pyspf_oracle.py");
    this.#child = spawn(python, [script, JSON.stringify(UNIVERSE)], { stdio: ["pipe", "pipe", "pipe"] });
    this.#child.stderr.setEncoding("utf8").on("data", (d: string) => {
      this.#stderr += d;
    });
    createInterface({ input: this.#child.stdout }).on("line", (line) => {
      this.#waiting.shift()?.(JSON.parse(line) as PyspfAnswer);
    });
  }

  /** pyspf's check_host result for one record in the universe. */
  check(request: PyspfRequest): Promise<PyspfAnswer> {
    return new Promise((resolve, reject) => {
      if (this.#child.exitCode !== null) {
        reject(new Error(`pyspf oracle exited ${this.#child.exitCode}: ${this.#stderr}`));
        return;
      }
      this.#waiting.push(resolve);
      this.#child.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#child.exitCode !== null) {
        resolve();
        return;
      }
      this.#child.once("exit", () => resolve());
      this.#child.stdin.end();
    });
  }
}
