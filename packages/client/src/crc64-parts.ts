import { combineParts, crc64FromBase64, crc64ToBase64 } from "@hoist/checksums";
import { partRange } from "@hoist/contract/core";
import type { PartPlan, PartRange } from "@hoist/contract";
import { crc64OfBody } from "./crc64-sum";
import { UploadError, isUploadError } from "./errors";
import type { PartBody, UploadSource } from "./types";

/** A part read once for a crc64nvme upload: the bytes to send and their CRC64NVME (base64). */
export interface ReadPart {
  body: PartBody;
  crc64nvme: string;
}

/** Largest part read into memory by default; bigger ones are summed by a streaming read and sent streaming. */
export const DEFAULT_PART_MEMORY_BUDGET = 64 * 1024 * 1024;

/**
 * The CRC64NVME side of one upload: reads each part once (bytes and value together) and remembers every part's
 * value and size, so the whole file's value is combined from them at the end without reading the file again.
 */
export class Crc64Parts {
  private readonly values = new Map<number, { crc: bigint; size: number }>();

  constructor(
    private readonly source: UploadSource,
    /** Parts larger than this many bytes are not held in memory (see {@link DEFAULT_PART_MEMORY_BUDGET}). */
    private readonly memoryBudget: number = DEFAULT_PART_MEMORY_BUDGET,
  ) {}

  /**
   * Reads `range` (part `partNumber`) once: the source sums it where it can, else the engine sums its bytes.
   *
   * @throws UploadError `SOURCE_CHANGED` when the source no longer holds the range (sending again cannot help)
   */
  async read(partNumber: number, range: PartRange): Promise<ReadPart> {
    const { source } = this;
    const options = range.size > this.memoryBudget ? { streaming: true } : undefined;
    try {
      const read = source.readWithCrc64 ? await source.readWithCrc64(range.start, range.end, options) : await this.sumPart(range);
      this.record(partNumber, read.crc64nvme, range.size);
      return read;
    } catch (error) {
      if (isUploadError(error) && error.code === "SOURCE_CHANGED") {
        throw new UploadError("SOURCE_CHANGED", `${error.message}; upload it again as a new file`, { cause: error });
      }
      throw error;
    }
  }

  private async sumPart(range: PartRange): Promise<ReadPart> {
    const body = await this.source.part(range.start, range.end);
    return { body, crc64nvme: await crc64OfBody(body) };
  }

  /** Reads parts storage already holds (a resume), one at a time, only for their values: their bytes are let go. */
  async sumStored(plan: PartPlan, partNumbers: readonly number[]): Promise<void> {
    for (const partNumber of partNumbers) {
      const range = partRange(plan, partNumber);
      await this.read(partNumber, range);
      this.source.release?.(range.start, range.end);
    }
  }

  /** Remembers part `partNumber`'s value (a stream's last part is recorded again once its real size is known). */
  record(partNumber: number, crc64nvme: string, size: number): void {
    const crc = crc64FromBase64(crc64nvme);
    if (crc === undefined) throw new Error(`part ${partNumber}'s CRC64NVME is not 8 bytes of base64: ${crc64nvme}`);
    this.values.set(partNumber, { crc, size });
  }

  /** The whole file's CRC64NVME (base64) from the values of `partNumbers`, which must all have been read. */
  whole(partNumbers: readonly number[]): string {
    const parts = [...partNumbers].sort((a, b) => a - b).map((partNumber) => {
      const value = this.values.get(partNumber);
      if (value === undefined) throw new Error(`part ${partNumber} has no CRC64NVME: it was never read`);
      return value;
    });
    return crc64ToBase64(combineParts(parts));
  }
}
