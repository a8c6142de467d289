import type { SignedPart, SignPartsInput } from "@hoist/contract";
import type { ChecksumMode, PartPlan } from "@hoist/contract/core";
import type { PartUrl, PartUrls } from "./part-runner";
import { crc64Urls } from "./crc64-urls";
import type { Crc64Parts } from "./crc64-parts";
import { PartHasher } from "./part-hasher";
import { SignWindow } from "./sign-window";
import { isUnsized } from "./stream-source";
import { streamChecksumUrls } from "./stream-urls";
import type { UploadSource } from "./types";

/** One `upload.signParts` call for this upload (the engine wraps it in retries). */
export type SignParts = (parts: SignPartsInput["parts"]) => Promise<SignedPart[]>;

/** Parts hashed at once for a seekable source (the browser's worker pool has this many workers). */
export const HASH_PARALLEL = 2;
/**
 * Bytes read at once to hash back-to-back parts (sources with `sha256Parts`): in Chromium a 20 MiB read costs
 * ~25% less CPU per byte than four 5 MiB ones, and each hashing worker holds at most this much.
 */
export const HASH_READ_BYTES = 20 * 1024 * 1024;
/** Checksummed sign windows grow from the concurrency to this many times it (capped by `window`). */
export const CHECKSUM_WINDOW_GROWTH = 4;

/** What {@link partUrls} needs to know about the upload. */
export interface PartUrlsInput {
  signParts: SignParts;
  plan: PartPlan;
  source: UploadSource;
  checksum: ChecksumMode;
  /** Parts to send, in order. */
  order: readonly number[];
  /** Parts per sign window (`signWindow` of the uploader). */
  window: number;
  /** Parts in flight; the first checksummed window holds this many, so every slot starts at once. */
  concurrency: number;
  /** The `single` URL from `upload.create`, used first when there is one and no checksum is needed. */
  single?: PartUrl;
  /** Reads and sums parts for a crc64nvme session (required then). */
  crc64?: Crc64Parts;
  signal: AbortSignal;
}

/** Part URLs that also feed the hasher: asking for a part means the sender got that far. */
class ChecksummedUrls implements PartUrls {
  constructor(private readonly window: SignWindow, private readonly hasher: PartHasher) {}

  get(partNumber: number): Promise<PartUrl> {
    this.hasher.advance(partNumber);
    return this.window.get(partNumber);
  }

  resign(partNumber: number): Promise<PartUrl> {
    return this.window.resign(partNumber);
  }

  markDone(partNumber: number): void {
    this.window.markDone(partNumber);
    this.hasher.forget(partNumber);
  }
}

/**
 * Sign windows for a checksummed upload. Storage verifies each part's SHA-256, so a part is hashed before it
 * is signed. The first window is `concurrency` parts (every slot starts after a few hashes, not a hundred) and
 * windows double up to `CHECKSUM_WINDOW_GROWTH x concurrency`; the hasher runs two windows ahead of the sender
 * so the next window's checksums are ready when it is signed. A sequential source buffers what it hashes, so
 * its windows stay at `concurrency`, hashed one part at a time and only when a window is signed.
 */
function checksummedUrls(input: PartUrlsInput): PartUrls {
  const { concurrency, source } = input;
  const cap = source.seekable ? Math.max(concurrency, Math.min(input.window, CHECKSUM_WINDOW_GROWTH * concurrency)) : concurrency;
  const hasher = new PartHasher(input.order, input.plan, source, {
    parallel: source.seekable ? HASH_PARALLEL : 1,
    ahead: source.seekable ? 2 * cap : 0,
    group: Math.max(1, Math.floor(HASH_READ_BYTES / input.plan.partSize)),
    signal: input.signal,
  });
  const sign = async (numbers: number[]) =>
    input.signParts(await Promise.all(numbers.map(async (partNumber) => ({ partNumber, checksum: await hasher.sum(partNumber) }))));
  return new ChecksummedUrls(new SignWindow(input.order, cap, sign, Date.now, Math.min(concurrency, cap)), hasher);
}

/**
 * Part URLs for one upload: the `single` URL as given (re-signed through `signParts` if storage refuses it), a
 * {@link SignWindow} of `window` parts, growing windows of hashed parts for sha256 sessions, or parts read once
 * and summed for crc64nvme ones (crc64-urls.ts).
 */
export function partUrls(input: PartUrlsInput): PartUrls {
  if (input.checksum === "crc64nvme") {
    if (input.crc64 === undefined) throw new Error("a crc64nvme upload needs its Crc64Parts");
    return crc64Urls(input, input.crc64);
  }
  if (input.checksum === "sha256") {
    const { source } = input;
    return isUnsized(source) ? streamChecksumUrls(input, (_partNumber, range) => source.sha256(range.start, range.end)) : checksummedUrls(input);
  }
  const sign = (numbers: number[], sizes: ReadonlyMap<number, number> = new Map()) =>
    input.signParts(numbers.map((partNumber) => ({ partNumber, ...(sizes.has(partNumber) && { size: sizes.get(partNumber) }) })));
  if (input.single === undefined) return new SignWindow(input.order, input.window, sign);
  let current: PartUrl = input.single;
  return {
    get: () => Promise.resolve(current),
    resign: async (partNumber) => {
      const [signed] = await sign([partNumber]);
      if (signed === undefined) throw new Error("upload.signParts did not sign the single PUT");
      current = signed;
      return signed;
    },
    markDone: () => undefined,
  };
}
