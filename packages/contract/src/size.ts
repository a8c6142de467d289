import { HoistError } from "./errors.js";
import { GiB, KiB, MAX_SAFE_SIZE, MiB, TiB } from "./limits.js";

/** A byte count as route policies write it: a whole number of bytes or a string such as `"20MB"` or `"5 TiB"`. */
export type SizeInput = number | string;

// Binary on purpose: "5TB" in a policy should mean what S3's own (binary) limits mean, so MB and MiB agree.
const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: KiB,
  kib: KiB,
  mb: MiB,
  mib: MiB,
  gb: GiB,
  gib: GiB,
  tb: TiB,
  tib: TiB,
};

const SIZE_PATTERN = /^(\d+(?:\.\d+)?)\s*([a-z]+)?$/i;

function invalid(input: SizeInput, why: string): HoistError {
  return new HoistError("INVALID_INPUT", `invalid size ${JSON.stringify(input)}: ${why}`);
}

function checkBytes(input: SizeInput, bytes: number): number {
  if (!Number.isFinite(bytes)) throw invalid(input, "expected a finite number of bytes");
  if (bytes < 0) throw invalid(input, "a size cannot be negative");
  if (!Number.isInteger(bytes)) throw invalid(input, "it is not a whole number of bytes");
  if (bytes > MAX_SAFE_SIZE) throw invalid(input, `it is above ${MAX_SAFE_SIZE} bytes (2^53-1)`);
  return bytes;
}

/**
 * Turns a policy size into bytes.
 *
 * Units are binary and case-insensitive: `B`; `KB` = `KiB` = 1024; `MB` = `MiB` = 1024^2; `GB` = `GiB` = 1024^3;
 * `TB` = `TiB` = 1024^4. A bare number (`"1024"` or `1024`) is bytes. Fractions are allowed when they come to
 * whole bytes (`"1.5MB"`), and a space may separate number and unit.
 *
 * @param input e.g. `"20MB"`, `"5TB"`, `"512 KiB"`, `1048576`
 * @returns the size in bytes, an integer in 0..2^53-1
 * @throws HoistError `INVALID_INPUT` naming the input and why it was refused (unknown unit, negative, fractional
 *   bytes, above 2^53-1, not a number)
 */
export function parseSize(input: SizeInput): number {
  if (typeof input === "number") return checkBytes(input, input);
  const match = SIZE_PATTERN.exec(input.trim());
  if (match === null) {
    throw invalid(input, 'expected a number and an optional unit, e.g. "20MB", "5 TiB" or "1024"');
  }
  const [, amount = "", unit = "b"] = match;
  const factor = UNITS[unit.toLowerCase()];
  if (factor === undefined) {
    throw invalid(input, `unknown unit "${unit}"; use B, KB, MB, GB or TB (binary: 1 KB = 1024 B)`);
  }
  return checkBytes(input, Number(amount) * factor);
}

const FORMAT_UNITS: readonly (readonly [string, number])[] = [
  ["TiB", TiB],
  ["GiB", GiB],
  ["MiB", MiB],
  ["KiB", KiB],
];

/**
 * Renders a byte count for people, e.g. in error messages: `formatSize(5 * 1024 ** 3)` is `"5 GiB"`,
 * `formatSize(1536)` is `"1.5 KiB"`, `formatSize(12)` is `"12 B"`. At most one decimal, so it is approximate.
 */
export function formatSize(bytes: number): string {
  for (const [unit, factor] of FORMAT_UNITS) {
    if (Math.abs(bytes) >= factor) {
      const rounded = Math.round((bytes / factor) * 10) / 10;
      return `${rounded} ${unit}`;
    }
  }
  return `${bytes} B`;
}
