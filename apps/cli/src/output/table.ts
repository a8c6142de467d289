import type { OutputStream } from "../io";

/** One column: a header and how wide it may grow; the last column is never padded or cut. */
export interface Column {
  header: string;
  /** Widest a cell may be; longer values are cut with `…`. Uncapped columns are never cut. */
  maxWidth?: number;
  align?: "left" | "right";
}

/** Rows printed as they come (one page at a time), so `hoist ls --all` never holds every file in memory. */
export interface Table {
  /** Prints `rows`, with the header before the first batch. */
  print(rows: readonly string[][]): void;
}

function fit(value: string, width: number, column: Column, last: boolean): string {
  if (last) return value;
  // Only capped columns cut; an uncapped cell wider than the first batch shifts its row rather than lose digits.
  const limit = column.maxWidth ?? Number.POSITIVE_INFINITY;
  const cut = value.length > limit ? `${value.slice(0, Math.max(0, limit - 1))}…` : value;
  return column.align === "right" ? cut.padStart(width) : cut.padEnd(width);
}

/**
 * A plain-text table on `out`. Widths come from the header and the first batch of rows (capped by `maxWidth`), and
 * later batches reuse them: pages of a long listing stay aligned without buffering the whole listing.
 */
export function createTable(out: OutputStream, columns: readonly Column[]): Table {
  let widths: number[] | undefined;
  const line = (cells: readonly string[], w: number[]) =>
    cells.map((cell, i) => fit(cell, w[i] ?? 0, columns[i] ?? { header: "" }, i === columns.length - 1)).join("  ").trimEnd();
  return {
    print(rows) {
      if (widths === undefined) {
        widths = columns.map((column, i) => {
          const widest = Math.max(column.header.length, ...rows.map((row) => row[i]?.length ?? 0));
          return Math.min(widest, column.maxWidth ?? widest);
        });
        out.write(`${line(columns.map((c) => c.header), widths)}\n`);
      }
      const w = widths;
      for (const row of rows) out.write(`${line(row, w)}\n`);
    },
  };
}
