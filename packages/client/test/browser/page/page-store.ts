import { fingerprintOf } from "@hoist/client";
import { fromBlob, idbResumeStore } from "@hoist/client/browser";
import type { ResumeRecord } from "@hoist/client";
import type { FingerprintReads, HoistPage, StoredRecord } from "./page-types";

const record = (fingerprint: string, uploadId: string): ResumeRecord => ({
  fingerprint,
  uploadId,
  name: `${fingerprint}.bin`,
  size: 1,
  route: "default",
});

const plain = (stored: ResumeRecord): StoredRecord => ({ fingerprint: stored.fingerprint, uploadId: stored.uploadId });

/** The IndexedDB resume store under test, in a database of the test's own (one store per database in idb-keyval). */
export const idb: Pick<HoistPage, "idbSet" | "idbList" | "idbGet" | "idbDelete"> = {
  async idbSet(dbName, records) {
    const store = idbResumeStore(dbName);
    for (const r of records) await store.set(r.fingerprint, record(r.fingerprint, r.uploadId));
  },
  idbList: async (dbName) => (await idbResumeStore(dbName).list()).map(plain),
  async idbGet(dbName, fingerprint) {
    const found = await idbResumeStore(dbName).get(fingerprint);
    return found && plain(found);
  },
  idbDelete: (dbName, fingerprint) => idbResumeStore(dbName).delete(fingerprint),
};

/** A File of `size` bytes made of one 1 MiB Blob repeated (Blob parts are referenced, not copied: cheap at 1 GiB). */
function repeatedFile(size: number, headByte: number, tailByte: number): File {
  const chunk = 1024 * 1024;
  const head = new Blob([new Uint8Array(chunk).fill(headByte)]);
  const body = new Blob([new Uint8Array(chunk).fill(1)]);
  const parts: Blob[] = [head, ...Array.from({ length: size / chunk - 2 }, () => body), new Blob([new Uint8Array(chunk).fill(tailByte)])];
  return new File(parts, "big.bin", { lastModified: 1_700_000_000_000 });
}

/**
 * Records every read of `blob` and of any slice of it (slices of slices too) as [start, end) of the original:
 * taking a slice reads nothing, `arrayBuffer`/`bytes`/`text`/`stream` do.
 */
function recordReads<T extends Blob>(blob: T, offset: number, reads: [number, number][]): T {
  const slice = blob.slice.bind(blob);
  blob.slice = (start = 0, end = blob.size, type?: string) => recordReads(slice(start, end, type), offset + start, reads);
  const target = blob as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of ["arrayBuffer", "bytes", "text", "stream"]) {
    const read = target[method]?.bind(blob);
    if (read === undefined) continue;
    target[method] = (...args: unknown[]) => {
      reads.push([offset, offset + blob.size]);
      return read(...args);
    };
  }
  return blob;
}

/** Fingerprints of big Files, recording every byte range the fingerprint reads. */
export async function fingerprintReads(size: number): Promise<FingerprintReads> {
  const reads: [number, number][] = [];
  const file = recordReads(repeatedFile(size, 2, 3), 0, reads);
  return {
    size: file.size,
    reads,
    fingerprint: await fingerprintOf(fromBlob(file)),
    sameHeadOtherTail: await fingerprintOf(fromBlob(repeatedFile(size, 2, 4))),
    otherHead: await fingerprintOf(fromBlob(repeatedFile(size, 5, 3))),
  };
}

/** What `fromBlob` makes of a File and of a bare Blob. */
export function fromBlobFacts(): ReturnType<HoistPage["fromBlobFacts"]> {
  const file = fromBlob(new File(["hello"], "hello.txt", { type: "text/plain", lastModified: 42 }));
  const blob = fromBlob(new Blob([new Uint8Array(3)]), { name: "bare.bin" });
  let nameless = "no error";
  try {
    fromBlob(new Blob(["x"]));
  } catch (error) {
    nameless = error instanceof TypeError ? `TypeError: ${error.message}` : String(error);
  }
  return {
    file: { name: file.name, size: file.size, type: file.type, lastModified: file.lastModified },
    blob: { name: blob.name, type: blob.type },
    nameless,
  };
}
