/**
 * Text and tables that fit the reader's terminal: words wrap at spaces, a word longer than the line
 * is broken (a domain name is never cut off), and table columns share the width, each shrinking
 * from its natural size only as much as needed. Pure; widths are counted in code points, which is
 * what escaped terminal text holds (escape.ts turns control and invisible characters into ASCII).
 */

/** Columns no output is made narrower than, whatever the terminal says. */
export const MIN_WIDTH = 40;

/** Splits `text` into lines of at most `width` characters, breaking at spaces where it can. */
export function wrapText(text: string, width: number): string[] {
  const max = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      let rest = [...word];
      const candidate = line === "" ? word : `${line} ${word}`;
      if ([...candidate].length <= max) {
        line = candidate;
        continue;
      }
      if (line !== "") lines.push(line);
      line = "";
      while (rest.length > max) {
        const cut = breakPoint(rest, max);
        lines.push(rest.slice(0, cut).join(""));
        rest = rest.slice(cut);
      }
      line = rest.join("");
    }
    lines.push(line);
  }
  return lines;
}

/** Characters after which a long name breaks most readably: "authorized-|unaligned", "mail.|example.com". */
const SEPARATORS = new Set(["-", ".", "/", "_", ":", "@", ",", ";", "="]);

/** Where to break a word longer than `max`: after the last separator in the second half, else at `max`. */
function breakPoint(chars: string[], max: number): number {
  for (let i = max; i > max / 2; i--) if (SEPARATORS.has(chars[i - 1] as string)) return i;
  return max;
}

/** `text` wrapped to `width`, every line after the first indented by `indent` spaces. */
export function wrapHanging(text: string, width: number, firstLineUsed: number, indent: number): string {
  const firstWidth = Math.max(1, width - firstLineUsed);
  const [first = "", ...rest] = wrapText(text, firstWidth);
  const tail = rest.join(" ");
  if (tail === "") return first;
  const pad = " ".repeat(indent);
  return [first, ...wrapText(tail, Math.max(1, width - indent)).map((l) => pad + l)].join("\n");
}

export interface ColumnSpec {
  /** The cells of this column (header included), as they will be printed. */
  cells: string[];
  /** Narrowest the column may become (content width, without padding). */
  min: number;
  /**
   * Width the column keeps while other columns can still give way (a value that reads badly broken,
   * such as a class name); it goes down to `min` only when nothing else can. Default: `min`.
   */
  keep?: number;
}

/**
 * Content widths (without cli-table3's one-space padding on each side) for columns that must fit in
 * `width` with their borders: natural widths when they fit, else the widest columns give way first,
 * down to their minimum. Callers wrap each cell to its column's width (`wrapText`).
 */
export function fitColumnWidths(columns: ColumnSpec[], width: number): number[] {
  const natural = columns.map((c) => Math.max(c.min, ...c.cells.flatMap((cell) => lineWidths(cell))));
  // Each column is padded by two spaces and followed by one border, plus the leftmost border.
  const available = width - columns.length * 3 - 1;
  const widths = [...natural];
  let excess = widths.reduce((a, b) => a + b, 0) - available;
  // First every column gives way down to what it keeps, widest first; then down to its minimum.
  for (const floorOf of [(c: ColumnSpec) => Math.max(c.min, c.keep ?? c.min), (c: ColumnSpec) => c.min]) {
    while (excess > 0) {
      let widest = -1;
      widths.forEach((w, i) => {
        if (w > floorOf(columns[i] as ColumnSpec) && (widest === -1 || w > (widths[widest] as number)))
          widest = i;
      });
      if (widest === -1) break;
      widths[widest] = (widths[widest] as number) - 1;
      excess--;
    }
  }
  return widths;
}

function lineWidths(cell: string): number[] {
  return cell.split("\n").map((line) => [...line].length);
}
