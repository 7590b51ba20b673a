import Table from "cli-table3";
import { fitColumnWidths, wrapText } from "./fit-width.js";

export interface FittedTableOptions {
  /** Terminal columns the whole table (borders included) should fit in. */
  width: number;
  /** Narrowest content width of each column. */
  min: number[];
  /** Width each column keeps while others can give way (see ColumnSpec.keep); default `min`. */
  keep?: number[];
  head?: string[];
}

/**
 * A cli-table3 table whose columns share `width`: cells are wrapped here (at spaces, long words
 * broken) so cli-table3 never truncates them with "…". Its styles are emptied: it colours borders
 * and headers even into pipes otherwise.
 */
export function fittedTable(
  rows: readonly (readonly (string | number)[])[],
  options: FittedTableOptions,
): string {
  const text = rows.map((row) => row.map(String));
  const head = options.head ?? [];
  const widths = fitColumnWidths(
    options.min.map((min, i) => ({
      min,
      keep: options.keep?.[i] ?? min,
      cells: [...(head[i] === undefined ? [] : [head[i] as string]), ...text.map((row) => row[i] ?? "")],
    })),
    options.width,
  );
  const wrap = (cell: string, i: number) => wrapText(cell, widths[i] as number).join("\n");
  const table = new Table({
    ...(options.head ? { head: options.head.map(wrap) } : {}),
    style: { head: [], border: [] },
    colWidths: widths.map((w) => w + 2),
  });
  for (const row of text) table.push(row.map(wrap));
  return table.toString();
}
