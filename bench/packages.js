/** Installs the Debian packages the bench needs when their programs are missing (the bench runs as root). */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

let updated = false;

/** @param {Record<string, string>} programs program path → Debian package that provides it */
export function ensureDebianPackages(programs) {
  const missing = [
    ...new Set(
      Object.entries(programs)
        .filter(([path]) => !existsSync(path))
        .map(([, pkg]) => pkg),
    ),
  ];
  if (missing.length === 0) return { installed: [], failed: [] };
  process.stderr.write(`bench: installing ${missing.join(", ")} (apt-get)\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    if (!updated) execFileSync("apt-get", ["update", "-qq"], { stdio: "ignore", env });
    updated = true;
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], {
      stdio: "ignore",
      env,
    });
  } catch (error) {
    process.stderr.write(`bench: apt-get failed: ${error.message.split("\n")[0]}\n`);
  }
  const failed = Object.entries(programs)
    .filter(([path]) => !existsSync(path))
    .map(([, pkg]) => pkg);
  return { installed: missing.filter((p) => !failed.includes(p)), failed: [...new Set(failed)] };
}
