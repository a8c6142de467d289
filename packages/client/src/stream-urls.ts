import type { PartRange } from "@hoist/contract";
import type { PartUrl, PartUrls } from "./part-runner";
import type { PartUrlsInput } from "./part-urls";

/** The checksum (base64) of part `partNumber`, whose bytes are `range` of the stream (held by the source). */
export type SumPart = (partNumber: number, range: PartRange) => Promise<string>;

/**
 * Checksummed URLs for a stream of unknown length: a part's bytes are only read when its turn comes (and its
 * length is only known then for the last), so each part is summed and signed on its own at that moment, one
 * `signParts` call per part, rather than in windows ahead of the sender. A re-sign reuses the sum.
 */
export function streamChecksumUrls(input: Pick<PartUrlsInput, "source" | "plan" | "signParts">, sum: SumPart): PartUrls {
  const { source, plan } = input;
  const sizes = new Map<number, number>();
  const sums = new Map<number, Promise<string>>();
  const signed = new Map<number, Promise<PartUrl>>();
  const sign = async (partNumber: number): Promise<PartUrl> => {
    const start = (partNumber - 1) * plan.partSize;
    const size = sizes.get(partNumber) ?? Math.min(plan.partSize, source.size - start);
    let checksum = sums.get(partNumber);
    if (checksum === undefined) {
      checksum = sum(partNumber, { start, end: start + size, size });
      sums.set(partNumber, checksum);
      checksum.catch(() => sums.delete(partNumber));
    }
    const [part] = await input.signParts([{ partNumber, checksum: await checksum, ...(sizes.has(partNumber) && { size }) }]);
    if (part === undefined) throw new Error(`upload.signParts did not sign part ${partNumber}`);
    return part;
  };
  const fresh = (partNumber: number) => {
    const pending = sign(partNumber);
    signed.set(partNumber, pending);
    pending.catch(() => signed.delete(partNumber));
    return pending;
  };
  const forget = (partNumber: number) => {
    signed.delete(partNumber);
    sums.delete(partNumber);
  };
  return {
    get: (partNumber) => signed.get(partNumber) ?? fresh(partNumber),
    resign: fresh,
    markDone: forget,
    resize: (partNumber, size) => {
      sizes.set(partNumber, size);
      forget(partNumber);
      return Promise.resolve();
    },
  };
}
