import { HoistError } from "./errors.js";
import type { PartPlan } from "./plan-parts.js";

/**
 * The bytes of one part: `start` inclusive, `end` exclusive, as `Blob.slice` takes them
 * (`fs.createReadStream` wants `end - 1`).
 */
export interface PartRange {
  readonly start: number;
  readonly end: number;
  readonly size: number;
}

/**
 * Throws unless `partNumber` names a part of `plan` (an integer in 1..partCount). Use it on every part number a
 * client sends: S3 would happily accept part 9,999 of a 3-part plan and the object would end up wrong.
 *
 * @throws HoistError `INVALID_INPUT`
 */
export function assertPartNumber(plan: Pick<PartPlan, "partCount">, partNumber: number): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > plan.partCount) {
    throw new HoistError(
      "INVALID_INPUT",
      `part number must be a whole number in 1..${plan.partCount} for this upload; got ${partNumber}`,
    );
  }
}

/**
 * Where part `partNumber` sits in the file.
 *
 * @param plan a plan from `planParts` or `planOfSession` (only its part sizes and count matter)
 * @param partNumber 1-based, as S3 numbers parts
 * @throws HoistError `INVALID_INPUT` when the part is not in the plan
 */
export function partRange(
  plan: Pick<PartPlan, "partSize" | "partCount" | "lastPartSize">,
  partNumber: number,
): PartRange {
  assertPartNumber(plan, partNumber);
  const start = (partNumber - 1) * plan.partSize;
  const size = partNumber === plan.partCount ? plan.lastPartSize : plan.partSize;
  return { start, end: start + size, size };
}
