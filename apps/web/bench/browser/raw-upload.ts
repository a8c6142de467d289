import type { HoistTrpc } from "@hoist/client";

const SIGN_BATCH = 100;
// Browsers refuse to let scripts set these; they send the right values themselves.
const FORBIDDEN = new Set(["content-length", "host", "connection"]);

/** One XHR PUT of a Blob slice to a presigned URL; resolves with the ETag storage answered. */
function put(url: string, headers: Record<string, string>, body: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    for (const [name, value] of Object.entries(headers)) if (!FORBIDDEN.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    xhr.onload = () => {
      const etag = xhr.getResponseHeader("ETag");
      if (xhr.status >= 200 && xhr.status < 300 && etag !== null) resolve(etag);
      else reject(new Error(`PUT answered ${xhr.status}`));
    };
    xhr.onerror = () => {
      reject(new Error(`PUT failed (network error, status ${String(xhr.status)})`));
    };
    xhr.send(body);
  });
}

/** {@link put} with up to 3 attempts: a loaded machine drops the odd connection, and every real client retries. */
async function putWithRetry(url: string, headers: Record<string, string>, body: Blob): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await put(url, headers, body);
    } catch (error) {
      if (attempt >= 3) throw error;
      console.warn(`raw baseline: attempt ${attempt} failed (${String(error)}); retrying`);
    }
  }
}

/**
 * The baseline the engine is held to: `upload.create`, every part signed up front (batches of 100), the same
 * parts XHR-PUT with `concurrency` in flight, `upload.complete`. No progress or resume, a plain retry: only the bytes.
 * With `sums` (each part's SHA-256, computed by the caller beforehand) the session checks sha256 and every PUT
 * carries its checksum header: what storage's verification costs, without the hashing.
 */
export async function rawUpload(trpc: HoistTrpc, blob: Blob, name: string, concurrency: number, sums?: ReadonlyMap<number, string>) {
  const checksum = sums === undefined ? "none" : "sha256";
  const created = await trpc.upload.create.mutate({ name, size: blob.size, type: "application/octet-stream", checksum });
  const numbers = Array.from({ length: created.partCount }, (_, i) => i + 1);
  const signed = new Map<number, { url: string; headers: Record<string, string> }>();
  for (let at = 0; at < numbers.length; at += SIGN_BATCH) {
    const batch = numbers.slice(at, at + SIGN_BATCH).map((partNumber) => ({ partNumber, ...(sums && { checksum: sums.get(partNumber) ?? "" }) }));
    const { parts } = await trpc.upload.signParts.mutate({ uploadId: created.uploadId, parts: batch });
    for (const part of parts) signed.set(part.partNumber, part);
  }
  const started = performance.now();
  let firstPutMs = Number.NaN;
  const etags: { partNumber: number; etag: string }[] = [];
  let next = 0;
  const worker = async () => {
    for (let partNumber = numbers[next++]; partNumber !== undefined; partNumber = numbers[next++]) {
      const part = signed.get(partNumber)!;
      const start = (partNumber - 1) * created.partSize;
      if (Number.isNaN(firstPutMs)) firstPutMs = performance.now() - started;
      etags.push({ partNumber, etag: await putWithRetry(part.url, part.headers, blob.slice(start, start + created.partSize)) });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  etags.sort((a, b) => a.partNumber - b.partNumber);
  const { file } = await trpc.upload.complete.mutate({ uploadId: created.uploadId, parts: etags });
  return { fileId: file.id, firstPutMs };
}
