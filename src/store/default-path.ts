import { homedir } from "node:os";
import { join } from "node:path";

/** XDG Base Directory: `$XDG_DATA_HOME/mailaudit/reports.db`, else `~/.local/share/mailaudit/reports.db`. */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  const dataHome = env.XDG_DATA_HOME?.startsWith("/")
    ? env.XDG_DATA_HOME
    : join(homedir(), ".local", "share");
  return join(dataHome, "mailaudit", "reports.db");
}
