import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import { createBrowserUploader, fromBlob, xhrTransport } from "@hoist/client/browser";
import type { HoistTrpc, Transport, UploadProgress } from "@hoist/client";
import { blobSha256, makeFile } from "./test-bytes";
import type { ApiAccess, FileSpec, PageFailure, PageUploadOptions, PageUploadResult } from "./page-types";

/** The API client a web app would make: tRPC over plain HTTP (no batching) with the user's bearer token. */
function apiClient(access: ApiAccess): HoistTrpc {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${access.apiUrl}/trpc`, headers: { authorization: `Bearer ${access.token}` } })],
  });
}

const partNumberOf = (url: string) => Number(new URL(url).searchParams.get("partNumber") ?? "1");

/** The real XHR transport, with one part's bytes swapped for others of the same length (storage must refuse them). */
function corrupting(inner: Transport, partNumber: number): Transport {
  return {
    put: (req) =>
      inner.put(partNumberOf(req.url) === partNumber ? { ...req, body: new Blob([new Uint8Array(req.size).fill(7)]) } : req),
  };
}

/** An engine error as plain data; `name`/`code` survive only this way through page.evaluate. */
export function failure(error: unknown): PageFailure {
  const fields = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown; uploadId?: unknown };
  return {
    ok: false,
    name: typeof fields.name === "string" ? fields.name : "unknown",
    code: typeof fields.code === "string" ? fields.code : undefined,
    message: typeof fields.message === "string" ? fields.message : String(error),
    uploadId: typeof fields.uploadId === "string" ? fields.uploadId : undefined,
  };
}

/** Counts Blob.slice() calls on this thread (the page's main thread; workers have their own Blob) until `stop()`. */
function countSlices(): { count: () => number; stop: () => void } {
  const prototype = Blob.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(prototype, "slice");
  const original = descriptor?.value as (this: Blob, ...args: Parameters<Blob["slice"]>) => Blob;
  let count = 0;
  prototype.slice = function slice(this: Blob, ...args: Parameters<Blob["slice"]>) {
    count += 1;
    return original.apply(this, args);
  };
  return { count: () => count, stop: () => { if (descriptor) Object.defineProperty(prototype, "slice", descriptor); } };
}

/** Uploads the spec's File through `createBrowserUploader` and reports the record, progress and the Blob's SHA-256. */
export async function upload(access: ApiAccess, spec: FileSpec, options: PageUploadOptions = {}): Promise<PageUploadResult> {
  const file = makeFile(spec);
  const transport = options.corruptPart === undefined ? xhrTransport() : corrupting(xhrTransport(), options.corruptPart);
  const uploader = createBrowserUploader({
    trpc: apiClient(access),
    transport,
    checksum: options.checksum ?? "none",
    ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
    ...(options.store === "none" && { resumeStore: false as const }),
  });
  const events: UploadProgress[] = [];
  const slices = countSlices();
  const handle = uploader.upload(fromBlob(file), { onProgress: (progress) => events.push({ ...progress }) });
  try {
    const record = await handle.done;
    slices.stop();
    const sha256 = await blobSha256(file);
    return { ok: true, file: record, uploadId: handle.uploadId, sha256, events, final: handle.progress(), mainThreadSlices: slices.count() };
  } catch (error) {
    return { ...failure(error), final: handle.progress() };
  } finally {
    slices.stop();
  }
}

/**
 * Starts an upload with the browser's IndexedDB resume store whose part PUTs stop settling once `parts` were
 * acknowledged (the ones already in flight still land): the page looks mid-upload until the test reloads it.
 */
export function uploadThenHang(access: ApiAccess, spec: FileSpec, parts: number): Promise<{ uploadId: string | undefined }> {
  const inner = xhrTransport();
  let acknowledged = 0;
  return new Promise((resolve, reject) => {
    const hanging: Transport = {
      async put(req) {
        if (acknowledged >= parts) return new Promise<never>(() => undefined);
        const response = await inner.put(req);
        if (response.status >= 200 && response.status < 300) acknowledged += 1;
        if (acknowledged >= parts) resolve({ uploadId: handle.uploadId });
        return response;
      },
    };
    const uploader = createBrowserUploader({ trpc: apiClient(access), transport: hanging, concurrency: 2 });
    const handle = uploader.upload(fromBlob(makeFile(spec)));
    handle.done.then(
      () => {
        reject(new Error("the upload finished before it was meant to hang"));
      },
      (error: unknown) => {
        reject(new Error(`the upload failed before it was meant to hang: ${failure(error).message}`));
      },
    );
  });
}
