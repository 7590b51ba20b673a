/**
 * The command line: the program and its error handling. Each command declares its own arguments,
 * options and help, and holds its handler, in `commands/<name>.ts`; only the command named on the
 * command line is loaded (each pulls in its own part of mailaudit), so `mailaudit check` loads
 * nothing it does not need, and `mailaudit --version` not even commander.
 */
import { EXIT } from "../engine/exit-code.js";
import { MailauditError } from "../errors.js";
import { escapeForTerminal } from "../format/escape.js";
import { packageVersion } from "../version.js";
import type { CommandModule } from "./define-command.js";
import { ignoreClosedStdout } from "./output.js";

type Commander = typeof import("commander");

/** Every command, in the order `mailaudit --help` lists them. */
const COMMANDS = new Map<string, () => Promise<{ default: CommandModule }>>([
  ["check", () => import("./commands/check.js")],
  ["snapshot", () => import("./commands/snapshot.js")],
  ["init", () => import("./commands/init.js")],
  ["spf", () => import("./commands/spf.js")],
  ["rules", () => import("./commands/rules.js")],
  ["reports", () => import("./commands/reports.js")],
]);

/** The program with the commands `args` (the arguments after `mailaudit`) can reach. */
async function buildProgram(commander: Commander, args: readonly string[]) {
  const program = new commander.Command("mailaudit")
    .description(
      "Audit SPF, DKIM and DMARC in DNS, ingest DMARC aggregate reports, and gate CI on policy drift.",
    )
    .version(packageVersion(), "-V, --version")
    .exitOverride();
  for (const load of commandsFor(args)) (await load()).default.addTo(program);
  return program;
}

/**
 * The program's only options are --version and --help, so the first argument that is not an option
 * names the command. Only that command is loaded; anything else (the program's help,
 * `help <command>`, a mistyped name commander suggests a fix for) needs them all.
 */
function commandsFor(args: readonly string[]) {
  const named = args.find((arg) => !arg.startsWith("-"));
  const load = named === undefined ? undefined : COMMANDS.get(named);
  if (load) return [load];
  return [...COMMANDS.values()];
}

function isVersionOnly(args: readonly string[]): boolean {
  return args.length > 0 && args.every((arg) => arg === "-V" || arg === "--version");
}

async function main(argv: string[]): Promise<void> {
  ignoreClosedStdout();
  const args = argv.slice(2);
  if (isVersionOnly(args)) {
    // Answered before commander loads (half of this run's start-up); commander would print the same line.
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  const commander = await import("commander");
  const program = await buildProgram(commander, args);
  program.configureOutput({
    // Commander's own errors become one line with our exit code 2 (see the catch below).
    outputError: (text, write) => write(text),
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = handleError(commander, error);
  }
}

/** Maps any error to its exit code, printing one clean line; stacks only with MAILAUDIT_DEBUG=1. */
function handleError(commander: Commander, error: unknown): number {
  if (error instanceof commander.CommanderError) {
    if (
      error.code === "commander.helpDisplayed" ||
      error.code === "commander.version" ||
      error.code === "commander.help"
    ) {
      return EXIT.ok;
    }
    return EXIT.usage;
  }
  if (error instanceof MailauditError) {
    process.stderr.write(`mailaudit: ${escapeForTerminal(error.message)}\n`);
    return error.exitCode;
  }
  process.stderr.write(
    `mailaudit: internal error: ${escapeForTerminal(error instanceof Error ? error.message : String(error))}\n`,
  );
  if (process.env.MAILAUDIT_DEBUG === "1" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return EXIT.inconclusive;
}

await main(process.argv);
