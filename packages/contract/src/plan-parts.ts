import { HoistError } from "./errors.js";
import { MAX_OBJECT_SIZE, MAX_PART_SIZE, MAX_PARTS, MiB, MIN_PART_SIZE } from "./limits.js";
import { formatSize } from "./size.js";
import type { UploadStrategy } from "./enums.js";

/** How a file of a given size is cut into parts; the same plan is computed by server and client. */
export interface PartPlan {
  /** Total bytes planned; every part together covers exactly this. */
  readonly size: number;
  readonly strategy: UploadStrategy;
  /** Size of every part but the last. For `single` this is the planned part size, not the file size. */
  readonly partSize: number;
  /** 1..10,000; 1 for `single`, including an empty file. */
  readonly partCount: number;
  /** 1..partSize, or 0 for an empty file. */
  readonly lastPartSize: number;
}

/** Options of {@link planParts}. */
export interface PlanPartsOptions {
  /**
   * Smallest part size in bytes; defaults to {@link MIN_PART_SIZE} (5 MiB), below which S3 rejects non-last parts.
   * Lower it only for stores that allow it (the local test store), so tests can go multipart with small files.
   */
  minPartSize?: number;
}

function checkFloor(floor: number): void {
  if (!Number.isInteger(floor) || floor < 1 || floor > MAX_PART_SIZE) {
    throw new HoistError(
      "INVALID_INPUT",
      `minPartSize must be a whole number of bytes in 1..${MAX_PART_SIZE} (5 GiB); got ${floor}`,
    );
  }
}

function checkSize(size: number): void {
  if (!Number.isInteger(size) || size < 0) {
    throw new HoistError("INVALID_INPUT", `size must be a whole, non-negative number of bytes; got ${size}`);
  }
  if (size > MAX_OBJECT_SIZE) {
    throw new HoistError(
      "SIZE_OVER_LIMIT",
      `size ${size} bytes (${formatSize(size)}) is above the S3 maximum of ${MAX_OBJECT_SIZE} bytes ` +
        `(${MAX_PARTS} parts of ${formatSize(MAX_PART_SIZE)}, about 48.8 TiB); split the file`,
    );
  }
}

/**
 * Smallest part size that fits `size` in 10,000 parts and is at least `floor`. When the floor does not fit,
 * the size is rounded up to a whole MiB so plans stay readable and stable across small size changes. The
 * rounding only applies then, so a sub-MiB floor for tests is honoured; for the default 5 MiB floor (or any
 * whole-MiB floor) this equals `max(floor, roundUpToMiB(ceil(size / 10,000)))` exactly.
 */
function choosePartSize(size: number, floor: number): number {
  const needed = Math.ceil(size / MAX_PARTS);
  if (needed <= floor) return floor;
  return Math.ceil(needed / MiB) * MiB;
}

/**
 * Plans how to upload `size` bytes: equal parts except the last (R2 requires it), never more than 10,000 parts,
 * never a part above 5 GiB. A file that fits in one part is a `single` upload (one PUT), an empty file included.
 *
 * @param size file size in bytes, integer 0..{@link MAX_OBJECT_SIZE}
 * @param opts `minPartSize`: the part size floor, see {@link PlanPartsOptions}
 * @throws HoistError `SIZE_OVER_LIMIT` above {@link MAX_OBJECT_SIZE}; `INVALID_INPUT` for a negative or
 *   fractional size or a floor outside 1..5 GiB
 */
export function planParts(size: number, opts?: PlanPartsOptions): PartPlan {
  const floor = opts?.minPartSize ?? MIN_PART_SIZE;
  checkFloor(floor);
  checkSize(size);
  const partSize = choosePartSize(size, floor);
  if (size <= partSize) {
    return { size, strategy: "single", partSize, partCount: 1, lastPartSize: size };
  }
  const partCount = Math.ceil(size / partSize);
  const lastPartSize = size - partSize * (partCount - 1);
  return { size, strategy: "multipart", partSize, partCount, lastPartSize };
}
