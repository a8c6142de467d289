/**
 * `@hoist/client/browser`: Blob/File sources, the XHR transport, an IndexedDB resume store, and
 * {@link createBrowserUploader} which wires them into the core engine.
 */
import { createUploader } from "../uploader";
import type { Uploader, UploaderOptions } from "../types";
import { idbResumeStore } from "./idb-resume-store";
import { xhrTransport } from "./xhr-transport";

export { fromBlob, type FromBlobOptions } from "./from-blob";
export { xhrTransport } from "./xhr-transport";
export { idbResumeStore } from "./idb-resume-store";

/** Parts in flight by default in browsers: HTTP/1.1 allows ~6 sockets per host and the page needs some. */
export const BROWSER_CONCURRENCY = 4;

/** {@link UploaderOptions} where `resumeStore: false` turns resuming off. */
export type BrowserUploaderOptions = Omit<UploaderOptions, "resumeStore"> & { resumeStore?: UploaderOptions["resumeStore"] | false };

/**
 * {@link createUploader} for browsers: XHR transport (upload progress), concurrency 4, checksum "crc64nvme" (the
 * engine's default; parts read and summed in Web Workers by {@link fromBlob}), resume records in
 * IndexedDB. Pass `transport` or `resumeStore` to replace either (`resumeStore: false`: none).
 */
export function createBrowserUploader<TRoute extends string = string>(options: BrowserUploaderOptions): Uploader<TRoute> {
  const { resumeStore, ...rest } = options;
  const store = resumeStore === false ? undefined : (resumeStore ?? idbResumeStore());
  return createUploader<TRoute>({
    ...rest,
    concurrency: options.concurrency ?? BROWSER_CONCURRENCY,
    transport: options.transport ?? xhrTransport(),
    ...(store && { resumeStore: store }),
  });
}
