/**
 * The CRC64NVME worker's own code (not imported by the library): `pnpm --filter @hoist/client build:worker` bundles
 * it with hash-wasm into crc64-worker-source.ts, which the library starts as an inline worker.
 */
import { crc64ToBase64, createCrc64Nvme } from "@hoist/checksums";
import type { Crc64Nvme } from "@hoist/checksums";
import type { Crc64Job, Crc64Reply, Crc64Result } from "./worker-protocol";

/** The worker's global scope, as much of it as this file uses (the package's lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<Crc64Job>) => void) | null;
  postMessage(message: Crc64Reply, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
const hasher = createCrc64Nvme();

/** Sums a range too large to hold by reading it in chunks: nothing is kept, the page re-reads it to send. */
async function sumStreaming(crc: Crc64Nvme, blob: Blob): Promise<Crc64Result> {
  const reader = blob.stream().getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) crc.update(chunk.value);
  return { crc64nvme: crc64ToBase64(crc.digest()) };
}

// One read of the range; the bytes are summed here and go back to the page as a Blob made of them, which the page
// sends: the file is read once, and neither the read, the sum nor the copy runs on the page's thread. Not the
// ArrayBuffer itself: Chromium's xhr.send() copies a byte body on the page's thread (24-45 ms per 8 MiB, ~1.8 s
// under DevTools, measured), while a Blob body streams from the browser process.
scope.onmessage = (event) => {
  const { blob, start, end, streaming } = event.data;
  void (async () => {
    try {
      const crc = await hasher;
      crc.reset(); // the pool gives a worker one job at a time, so the hasher is this job's until it answers
      if (streaming === true) {
        scope.postMessage({ result: await sumStreaming(crc, blob.slice(start, end)) });
        return;
      }
      const bytes = await blob.slice(start, end).arrayBuffer();
      crc.update(new Uint8Array(bytes));
      scope.postMessage({ result: { body: new Blob([bytes]), crc64nvme: crc64ToBase64(crc.digest()) } });
    } catch (error) {
      scope.postMessage({ error: error instanceof Error ? error.message : String(error) });
    }
  })();
};
