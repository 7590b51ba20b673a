/**
 * Every property test (fast-check) runs from one seed, so a run is reproducible: fixed by default (CI
 * and local runs see the same inputs), `FC_SEED=<n>` replays another run, `FC_SEED=random` explores
 * new inputs. The seed is printed with every failing property, with the command that replays it.
 * A counterexample found this way becomes a named example case in its test (CONTRIBUTING.md).
 */
import fc from "fast-check";
import { beforeEach } from "vitest";

/** The seed CI uses. Change it only on purpose: it changes every property test's inputs. */
export const DEFAULT_FC_SEED = 20_261_127;

function seedFromEnvironment(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_FC_SEED;
  if (value === "random") return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", got "${value}"`);
  return seed;
}

const seed = seedFromEnvironment(process.env.FC_SEED);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });

beforeEach(({ onTestFailed }) => {
  onTestFailed(({ task }) => {
    if (!task.result?.errors?.some((e) => /Property failed/.test(String(e.message)))) return;
    const file = task.file?.name ?? "<test file>";
    process.stderr.write(
      `\nfast-check seed ${seed}: replay with  FC_SEED=${seed} npx vitest run ${file} -t ${JSON.stringify(task.name)}\n`,
    );
  });
});
