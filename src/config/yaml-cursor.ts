import {
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { ConfigError } from "./errors.js";

/**
 * A position in a parsed YAML document: the node, the key path that led to it
 * (`domains[0].expect.dmarc`) and the means to fail with the file, line and key named. Validation
 * walks cursors instead of plain values so that every error can say where it is.
 */
export class YamlCursor {
  constructor(
    readonly file: string,
    readonly lines: LineCounter,
    readonly node: Node | null | undefined,
    readonly path: string,
    /** Where to point when the node is absent (the parent's key). */
    readonly fallbackOffset = 0,
  ) {}

  get line(): number {
    return this.lines.linePos(this.offset).line;
  }

  fail(reason: string): never {
    const { line, col } = this.lines.linePos(this.offset);
    throw new ConfigError(this.file, line, this.path, reason, col);
  }

  /** The mapping's entries as cursors; unknown keys are errors (a typo must not be silently ignored). */
  entries(allowed: readonly string[]): Map<string, YamlCursor> {
    if (!isMap(this.node)) this.fail(`expected a mapping (key: value), got ${describe(this.node)}`);
    const result = new Map<string, YamlCursor>();
    for (const pair of (this.node as YAMLMap).items as Pair<Node, Node>[]) {
      const keyNode = pair.key;
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
      const keyCursor: YamlCursor = this.child(keyNode, key ?? "?");
      if (key === undefined) keyCursor.fail("keys must be plain names");
      if (!allowed.includes(key)) keyCursor.fail(`unknown key (expected one of: ${allowed.join(", ")})`);
      result.set(
        key,
        new YamlCursor(this.file, this.lines, pair.value, this.join(key), keyNode?.range?.[0] ?? this.offset),
      );
    }
    return result;
  }

  /** A free-form mapping (rule id → value): keys are data, so they are not checked here. */
  pairs(): Array<{ key: YamlCursor; value: YamlCursor }> {
    if (!isMap(this.node)) this.fail(`expected a mapping (key: value), got ${describe(this.node)}`);
    return ((this.node as YAMLMap).items as Pair<Node, Node>[]).map((pair) => {
      const name = isScalar(pair.key) ? String(pair.key.value) : "?";
      return {
        key: this.child(pair.key, name),
        value: new YamlCursor(
          this.file,
          this.lines,
          pair.value,
          this.join(name),
          pair.key?.range?.[0] ?? this.offset,
        ),
      };
    });
  }

  items(): YamlCursor[] {
    if (!isSeq(this.node)) this.fail(`expected a list, got ${describe(this.node)}`);
    return ((this.node as YAMLSeq).items as Node[]).map(
      (item, i) => new YamlCursor(this.file, this.lines, item, `${this.path}[${i}]`, this.offset),
    );
  }

  /** A list, or a single value standing for a one-item list (`rua: mailto:x` is as good as `[mailto:x]`). */
  itemsOrOne(): YamlCursor[] {
    return isSeq(this.node) ? this.items() : [this];
  }

  string(): string {
    const value = this.scalar();
    if (typeof value !== "string" || value.trim() === "")
      this.fail(`expected text, got ${describe(this.node)}`);
    return (value as string).trim();
  }

  /** A scalar read as text even when YAML typed it (an IP like 1.1.1.1 stays a string; 53 becomes "53"). */
  text(): string {
    const value = this.scalar();
    if (typeof value !== "string" && typeof value !== "number")
      this.fail(`expected text, got ${describe(this.node)}`);
    return String(value).trim();
  }

  number(check: (n: number) => boolean, expected: string): number {
    const value = this.scalar();
    if (typeof value !== "number" || !Number.isFinite(value) || !check(value)) {
      this.fail(`expected ${expected}, got ${describe(this.node)}`);
    }
    return value as number;
  }

  boolean(): boolean {
    const value = this.scalar();
    if (typeof value !== "boolean") this.fail(`expected true or false, got ${describe(this.node)}`);
    return value as boolean;
  }

  oneOf<T extends string>(choices: readonly T[]): T {
    const value = this.scalar();
    if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) {
      this.fail(`expected one of ${choices.join(", ")}, got ${describe(this.node)}`);
    }
    return value as T;
  }

  private scalar(): unknown {
    if (!isScalar(this.node)) this.fail(`expected a single value, got ${describe(this.node)}`);
    return (this.node as { value: unknown }).value;
  }

  private get offset(): number {
    return this.node?.range?.[0] ?? this.fallbackOffset;
  }

  private child(node: Node | null | undefined, key: string): YamlCursor {
    return new YamlCursor(this.file, this.lines, node, this.join(key), this.offset);
  }

  private join(key: string): string {
    return this.path === "" ? key : `${this.path}.${key}`;
  }
}

function describe(node: Node | null | undefined): string {
  if (node === null || node === undefined) return "nothing";
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return "nothing";
    // JSON.stringify keeps control characters from the file escaped in the one-line message.
    return typeof value === "string"
      ? JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
      : String(value);
  }
  return "an alias";
}
