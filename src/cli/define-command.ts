/**
 * Commands as data (pnpm's command modules are the model): each `commands/<name>.ts` declares its
 * arguments, options and help once, and its handler's parameters are typed from those declarations,
 * so an option is never re-typed by hand. `main.ts` turns the declarations into commander commands.
 */
import { Argument, type Command, Option } from "commander";

/** One option: how commander builds it, and (type only) the value the handler receives. */
export interface OptionSpec<Value> {
  build(): Option;
  /** Never set: carries the handler's value type. */
  readonly value?: Value;
}

/** One positional argument: how commander builds it, and (type only) the value the handler receives. */
export interface ArgumentSpec<Value> {
  build(): Argument;
  /** Never set: carries the handler's value type. */
  readonly value?: Value;
}

type OptionSpecs = Record<string, OptionSpec<unknown>>;

type ValueOf<Spec> = Spec extends OptionSpec<infer V> ? V : never;

/**
 * The options object a handler receives, each key typed by its declaration. Commander leaves out the
 * keys of options that were not given and have no default, so those keys are optional.
 */
export type OptionValues<Specs extends OptionSpecs> = {
  [K in keyof Specs as undefined extends ValueOf<Specs[K]> ? K : never]?: ValueOf<Specs[K]>;
} & {
  [K in keyof Specs as undefined extends ValueOf<Specs[K]> ? never : K]: ValueOf<Specs[K]>;
};

type ArgumentValues<Specs extends readonly ArgumentSpec<unknown>[]> = {
  [I in keyof Specs]: Specs[I] extends ArgumentSpec<infer V> ? V : never;
};

export interface CommandSpec<
  Arguments extends readonly ArgumentSpec<unknown>[],
  Options extends OptionSpecs,
> {
  name: string;
  description: string;
  arguments: Arguments;
  /** Keys are commander's attribute names (`--fail-on` → `failOn`, `--no-color` → `color`). */
  options: Options;
  /** The command's work; returns the exit code. Heavy modules are imported inside, when it runs. */
  run(...args: [...ArgumentValues<Arguments>, OptionValues<Options>]): Promise<number>;
}

/** A declared command, ready to be added to the program (or to a group such as `reports`). */
export interface CommandModule {
  readonly name: string;
  addTo(parent: Command): void;
}

/** Turns a command's declarations into a commander command whose action calls its typed handler. */
export function defineCommand<
  const Arguments extends readonly ArgumentSpec<unknown>[],
  Options extends OptionSpecs,
>(spec: CommandSpec<Arguments, Options>): CommandModule {
  return {
    name: spec.name,
    addTo(parent) {
      const command = parent.command(spec.name).description(spec.description);
      for (const argument of spec.arguments) command.addArgument(argument.build());
      for (const [key, declared] of Object.entries(spec.options)) {
        const option = declared.build();
        // The key is the handler's name for the value: it must be the one commander stores it under.
        if (option.attributeName() !== key)
          throw new Error(
            `${spec.name}: option ${option.flags} is stored as ${option.attributeName()}, not ${key}`,
          );
        command.addOption(option);
      }
      command.action(async (...args: unknown[]) => {
        // commander passes (arguments…, options, command) untyped; the declarations above type them.
        const values = args.slice(0, -1) as [...ArgumentValues<Arguments>, OptionValues<Options>];
        process.exitCode = await spec.run(...values);
      });
    },
  };
}

/** A command that only groups others (`mailaudit reports …`). */
export function defineGroup(
  name: string,
  description: string,
  commands: readonly CommandModule[],
): CommandModule {
  return {
    name,
    addTo(parent) {
      const group = parent.command(name).description(description);
      for (const command of commands) command.addTo(group);
    },
  };
}

// ---- argument declarations ------------------------------------------------------------------

/** `<name>`: one value, required. */
export function requiredArgument(name: string, description: string): ArgumentSpec<string> {
  return { build: () => new Argument(`<${name}>`, description) };
}

/** `[name]`: one value, optional. */
export function optionalArgument(name: string, description: string): ArgumentSpec<string | undefined> {
  return { build: () => new Argument(`[${name}]`, description) };
}

/** `<name...>`: one or more values. */
export function requiredList(name: string, description: string): ArgumentSpec<string[]> {
  return { build: () => new Argument(`<${name}...>`, description) };
}

/** `[name...]`: any number of values (an empty list when none is given). */
export function optionalList(name: string, description: string): ArgumentSpec<string[]> {
  return { build: () => new Argument(`[${name}...]`, description) };
}

// ---- option declarations --------------------------------------------------------------------

/** `--name <value>`: text, validated by the handler; `defaultValue` makes it always present. */
export function textOption(flags: string, description: string): OptionSpec<string | undefined>;
export function textOption(flags: string, description: string, defaultValue: string): OptionSpec<string>;
export function textOption(flags: string, description: string, defaultValue?: string): OptionSpec<unknown> {
  return {
    build: () => {
      const option = new Option(flags, description);
      return defaultValue === undefined ? option : option.default(defaultValue);
    },
  };
}

/** `--name <value>` that must be given (commander refuses the command without it, exit 2). */
export function requiredTextOption(flags: string, description: string): OptionSpec<string> {
  return { build: () => new Option(flags, description).makeOptionMandatory() };
}

/** `--name <value>` given any number of times (`-s a -s b`). */
export function repeatableOption(flags: string, description: string): OptionSpec<string[] | undefined> {
  return { build: () => new Option(flags, description).argParser(collect) };
}

/** `--name` without a value: true when given. */
export function switchOption(flags: string, description: string): OptionSpec<boolean | undefined> {
  return { build: () => new Option(flags, description) };
}

/** `--no-name`: true unless given (commander stores it under `name`). */
export function negatedOption(flags: `--no-${string}`, description: string): OptionSpec<boolean> {
  return { build: () => new Option(flags, description) };
}

/** `--name <value>` restricted to `choices` (commander refuses others with exit 2). */
export function choiceOption<const Choices extends readonly string[]>(
  flags: string,
  description: string,
  choices: Choices,
): OptionSpec<Choices[number] | undefined>;
export function choiceOption<const Choices extends readonly string[]>(
  flags: string,
  description: string,
  choices: Choices,
  defaultValue: Choices[number],
): OptionSpec<Choices[number]>;
export function choiceOption(
  flags: string,
  description: string,
  choices: readonly string[],
  defaultValue?: string,
): OptionSpec<unknown> {
  return {
    build: () => {
      const option = new Option(flags, description).choices(choices);
      return defaultValue === undefined ? option : option.default(defaultValue);
    },
  };
}

/** Commander collector for repeatable options. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
