import { InvalidArgumentError } from "commander";
import { CHECKSUMS, formatSize, isHoistError, parseSize, type ChecksumMode } from "@hoist/contract/core";

/**
 * A commander option parser for whole numbers in `1..max`; commander reports its message as a usage error, so a
 * bad `--concurrency` stops the run with exit 2 before anything is sent.
 */
export function positiveInt(max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
      throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
    }
    if (n > max) throw new InvalidArgumentError(`expected at most ${max}, got ${n}`);
    return n;
  };
}

/** Parser for `--checksum`: only what `upload.create` accepts. */
export function checksumMode(value: string): ChecksumMode {
  const mode = CHECKSUMS.find((known) => known === value);
  if (mode !== undefined) return mode;
  throw new InvalidArgumentError(`expected "crc64nvme", "sha256" or "none", got "${value}"`);
}

/**
 * A commander option parser for byte counts as route policies write them (`10GB`, `512 MiB`, `1048576`; binary
 * units, the contract's `parseSize`) in `min..max`.
 */
export function byteSize(min: number, max: number): (value: string) => number {
  return (value) => {
    let bytes: number;
    try {
      bytes = parseSize(value);
    } catch (error) {
      throw new InvalidArgumentError(isHoistError(error) ? error.message : String(error));
    }
    if (bytes < min || bytes > max) throw new InvalidArgumentError(`expected ${formatSize(min)}..${formatSize(max)}, got ${value}`);
    return bytes;
  };
}
