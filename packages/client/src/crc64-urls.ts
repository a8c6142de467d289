import { partRange } from "@hoist/contract/core";
import type { Crc64Parts, ReadPart } from "./crc64-parts";
import { PartHasher } from "./part-hasher";
import type { PartUrl, PartUrls } from "./part-runner";
import type { PartUrlsInput } from "./part-urls";
import { SignWindow } from "./sign-window";
import { isUnsized } from "./stream-source";
import { streamChecksumUrls } from "./stream-urls";

/** Parts read and summed at once for a seekable source. */
const READ_PARALLEL = 2;

/** Part URLs that carry the bytes they were signed for, read by the hasher; asking for a part means the sender got that far. */
class ReadOnceUrls implements PartUrls {
  constructor(private readonly window: SignWindow, private readonly hasher: PartHasher<ReadPart>) {}

  async get(partNumber: number): Promise<PartUrl> {
    this.hasher.advance(partNumber);
    const url = await this.window.get(partNumber);
    return { ...url, body: (await this.hasher.sum(partNumber)).body };
  }

  async resign(partNumber: number): Promise<PartUrl> {
    return { ...(await this.window.resign(partNumber)), body: (await this.hasher.sum(partNumber)).body };
  }

  /** Storage holds the part: its URL and its bytes are let go. */
  markDone(partNumber: number): void {
    this.window.markDone(partNumber);
    this.hasher.forget(partNumber);
  }
}

/**
 * Part URLs for a crc64nvme session. Each part is read once (`readWithCrc64`, or `part()` summed here), its
 * CRC64NVME signed into its URL, and the same bytes sent, held until storage confirms the part. Memory is what is
 * held: parts in flight plus parts read ahead, so windows are `concurrency` parts and reading runs at most one
 * window past the sender (sha256 mode, which keeps only hashes, runs further). Streams of unknown length sum
 * each part when its turn comes, from the buffer the source holds anyway.
 */
export function crc64Urls(input: PartUrlsInput, crc: Crc64Parts): PartUrls {
  const { source, plan, concurrency } = input;
  if (isUnsized(source)) return streamChecksumUrls(input, async (partNumber, range) => (await crc.read(partNumber, range)).crc64nvme);
  const window = Math.max(1, Math.min(input.window, concurrency));
  const hasher = new PartHasher<ReadPart>(input.order, plan, source, {
    parallel: source.seekable ? READ_PARALLEL : 1,
    ahead: source.seekable ? window : 0,
    group: 1,
    signal: input.signal,
    hash: (partNumbers) => Promise.all(partNumbers.map((partNumber) => crc.read(partNumber, partRange(plan, partNumber)))),
  });
  const sign = async (numbers: number[]) =>
    input.signParts(await Promise.all(numbers.map(async (partNumber) => ({ partNumber, checksum: (await hasher.sum(partNumber)).crc64nvme }))));
  return new ReadOnceUrls(new SignWindow(input.order, window, sign), hasher);
}
