import type { ChecksumMode, PartPlan } from "@hoist/contract/core";
import { describe, expect, it } from "vitest";
import type { SignParts } from "./part-urls";
import { fakeSigner } from "../test/support/fake-signer";
import { partUrls } from "./part-urls";
import type { PartUrl } from "./part-runner";
import type { UploadSource } from "./types";

const PART = 1024;

function planOf(partCount: number): PartPlan {
  return { size: partCount * PART, strategy: "multipart", partSize: PART, partCount, lastPartSize: PART };
}

/** A source whose hashes finish only when the test says so, recording which parts were hashed. */
function gatedSource(seekable = true) {
  const pending: (() => void)[] = [];
  const hashed: number[] = [];
  const source: UploadSource = {
    name: "a.bin", size: 0, type: "application/octet-stream", seekable,
    part: () => Promise.resolve(new Uint8Array(0)),
    sha256: (start) =>
      new Promise<string>((resolve) => {
        pending.push(() => {
          hashed.push(start / PART + 1);
          resolve(`sum-${start / PART + 1}`);
        });
      }),
  };
  /** Finishes the oldest hash still running, then lets every promise that follows from it settle. */
  const step = async () => {
    pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { source, pending, hashed, step };
}

function urlsFor(partCount: number, source: UploadSource, signParts: SignParts, checksum: ChecksumMode, signal = new AbortController().signal) {
  const order = Array.from({ length: partCount }, (_, i) => i + 1);
  return partUrls({ signParts, plan: planOf(partCount), source, checksum, order, window: 100, concurrency: 4, signal });
}

/** Runs `get` while finishing hashes one at a time; returns the URL and how many parts were hashed by then. */
async function getWhileHashing(urls: ReturnType<typeof urlsFor>, partNumber: number, gate: ReturnType<typeof gatedSource>) {
  let url: PartUrl | undefined;
  void urls.get(partNumber).then((got) => (url = got));
  await gate.step();
  while (url === undefined) {
    expect(gate.pending.length, `part ${partNumber} waits for a hash that never started`).toBeGreaterThan(0);
    await gate.step();
  }
  return { url, hashedBefore: gate.hashed.length };
}

describe("partUrls with sha256 checksums", () => {
  it("hands out the first URL after hashing one window of `concurrency` parts, not a whole 100-part window", async () => {
    const gate = gatedSource();
    const { signParts, calls } = fakeSigner();
    const { url, hashedBefore } = await getWhileHashing(urlsFor(100, gate.source, signParts, "sha256"), 1, gate);
    expect(url.url).toBe("http://s/1");
    expect(hashedBefore).toBe(4);
    expect(calls).toEqual([[1, 2, 3, 4].map((n) => ({ partNumber: n, checksum: `sum-${n}` }))]);
  });

  it("hashes ahead of the sender, bounded, and signs windows that grow from 4 to 16 parts", async () => {
    const gate = gatedSource();
    const { signParts, calls } = fakeSigner();
    const urls = urlsFor(100, gate.source, signParts, "sha256");
    await getWhileHashing(urls, 1, gate);
    while (gate.pending.length > 0) await gate.step(); // the sender stays at part 1: hashing stops by itself
    expect(gate.hashed.length).toBe(1 + 2 * 16);
    for (let n = 1; n <= 100; n += 1) {
      await getWhileHashing(urls, n, gate);
      urls.markDone(n);
    }
    expect(calls.map((batch) => batch.length)).toEqual([4, 8, 16, 16, 16, 16, 16, 8]);
    expect(gate.hashed).toEqual(Array.from({ length: 100 }, (_, i) => i + 1)); // each part once, in order
  });

  it("keeps a sequential source's windows at the concurrency, hashed one part at a time when signed", async () => {
    const gate = gatedSource(false);
    const { signParts, calls } = fakeSigner();
    const urls = urlsFor(10, gate.source, signParts, "sha256");
    const { hashedBefore } = await getWhileHashing(urls, 1, gate);
    expect(hashedBefore).toBe(4);
    expect(gate.pending.length).toBe(0);
    for (let n = 2; n <= 10; n += 1) await getWhileHashing(urls, n, gate);
    expect(calls.map((batch) => batch.length)).toEqual([4, 4, 2]);
  });

  it("rejects a URL still waiting for its hash once the upload stops (no hang)", async () => {
    const gate = gatedSource();
    const { signParts } = fakeSigner();
    const stop = new AbortController();
    const waiting = urlsFor(10, gate.source, signParts, "sha256", stop.signal).get(1);
    stop.abort(new Error("cancelled"));
    await expect(waiting).rejects.toThrow("cancelled");
  });
});

describe("partUrls without checksums", () => {
  it("signs windows of 100 parts without hashing anything: one round trip per 100 parts", async () => {
    const gate = gatedSource();
    const { signParts, calls } = fakeSigner();
    const urls = urlsFor(250, gate.source, signParts, "none");
    for (let n = 1; n <= 250; n += 1) await urls.get(n);
    expect(calls.map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(calls.flat().every((part) => part.checksum === undefined)).toBe(true);
    expect(gate.pending).toHaveLength(0);
  });
});
