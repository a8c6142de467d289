import type { SignedPart } from "@hoist/contract";
import { apiCall } from "./api-call";
import type { PartUrl, PartUrls } from "./part-runner";
import { SignWindow } from "./sign-window";
import type { HoistTrpc, UploadSource } from "./types";
import { partRange } from "@hoist/contract";
import type { PartPlan } from "@hoist/contract";

/** What {@link partUrls} needs to know about the upload. */
export interface PartUrlsInput {
  trpc: HoistTrpc;
  uploadId: string;
  plan: PartPlan;
  source: UploadSource;
  checksum: "sha256" | "none";
  /** Parts to send, in order. */
  order: readonly number[];
  window: number;
  /** The `single` URL from `upload.create`, used first when there is one and no checksum is needed. */
  single?: PartUrl;
  signal: AbortSignal;
}

/**
 * A signer that computes each part's SHA-256 first when the session wants checksums (storage verifies it),
 * once per part: a re-sign after expiry reuses it.
 */
function batchSigner(input: PartUrlsInput): (numbers: number[]) => Promise<SignedPart[]> {
  const sums = new Map<number, string>();
  const checksumOf = async (partNumber: number) => {
    let sum = sums.get(partNumber);
    if (sum === undefined) {
      const range = partRange(input.plan, partNumber);
      sum = await input.source.sha256(range.start, range.end);
      sums.set(partNumber, sum);
    }
    return sum;
  };
  return async (numbers) => {
    const parts: { partNumber: number; checksum?: string }[] = [];
    // One part at a time: hashing reads the bytes, and a sequential source must be read in order.
    for (const partNumber of numbers) {
      parts.push(input.checksum === "sha256" ? { partNumber, checksum: await checksumOf(partNumber) } : { partNumber });
    }
    const { uploadId, trpc, signal } = input;
    const signed = await apiCall((s) => trpc.upload.signParts.mutate({ uploadId, parts }, { signal: s }), uploadId, signal);
    return signed.parts;
  };
}

/**
 * Part URLs for one upload: the `single` URL as given (re-signed through `signParts` if storage refuses it), or
 * a {@link SignWindow}. A sequential source hashing for checksums would have to buffer a whole window ahead of
 * the sender, so its window shrinks to `window` = the caller's choice (the uploader passes the concurrency).
 */
export function partUrls(input: PartUrlsInput): PartUrls {
  const sign = batchSigner(input);
  if (input.single !== undefined && input.checksum === "none") {
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
  return new SignWindow(input.order, input.window, sign);
}
