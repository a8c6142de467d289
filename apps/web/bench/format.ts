/** One MiB, the unit the benches print. */
export const MiB = 1024 * 1024;

/** "PASS"/"FAIL", for goal lines a reader scans. */
export const verdict = (ok: boolean): string => (ok ? "PASS" : "FAIL");

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A figure line of the final table, and the goal it is held to (if any). */
export interface Figure {
  name: string;
  value: string;
  goal?: string;
  ok?: boolean;
}

/** Prints figures as an aligned table with PASS/FAIL per goal. */
export function printTable(title: string, figures: readonly Figure[]): void {
  const nameWidth = Math.max(...figures.map((f) => f.name.length), 10);
  const valueWidth = Math.max(...figures.map((f) => f.value.length), 10);
  console.log(`\n${title}`);
  for (const figure of figures) {
    const goal = figure.goal === undefined ? "" : `  goal ${figure.goal}  ${verdict(figure.ok ?? false)}`;
    console.log(`  ${figure.name.padEnd(nameWidth)}  ${figure.value.padStart(valueWidth)}${goal}`);
  }
}
