import { createCrc64Nvme, crc64ToBase64 } from "@hoist/checksums";
import type { UploadSessionRow } from "@hoist/db";
import type { ApiDeps } from "../context";

/**
 * The CRC64NVME (base64) of the object as storage holds it, from one GetObject streamed through the hasher: what
 * a route with `verify: "read"` pays where storage cannot check the whole-file value itself. Never reads from
 * the client, never holds the object in memory. Its bytes and seconds are reported (`checksumRead`), so the cost
 * shows on /metrics.
 *
 * @throws the storage error when the object cannot be read (not a verdict: the complete can be retried)
 */
export async function readCrc64nvme(deps: ApiDeps, session: UploadSessionRow): Promise<string> {
  const started = performance.now();
  const hasher = await createCrc64Nvme();
  let bytes = 0;
  for await (const chunk of deps.storage.streamObject(session.key)) {
    hasher.update(chunk);
    bytes += chunk.length;
  }
  deps.observe?.checksumRead(session.route, bytes, (performance.now() - started) / 1000);
  return crc64ToBase64(hasher.digest());
}
