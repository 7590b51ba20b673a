/** The config file `check` reads when no domain and no `-c` are given (docs/cli.md). Kept apart from
 * `load.ts` so naming it does not load the YAML parser. */
export const DEFAULT_CONFIG_FILE = "mailaudit.yaml";
