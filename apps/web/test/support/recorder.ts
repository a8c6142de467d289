import type { BrowserContext, Page, Request } from "playwright-core";

/** One part PUT the page sent to storage. */
export interface PutRecord {
  /** Storage's multipart UploadId from the URL (not Hoist's session id); "" for a single PUT. */
  storageUploadId: string;
  /** 0 for a single-PUT upload (no part number in the URL). */
  partNumber: number;
  url: string;
}

/** Everything a test asserts about the page's traffic and errors, collected for the whole context. */
export interface Recorder {
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** `console.error` messages. */
  consoleErrors: string[];
  /** Body size of every request to the API origin (the page's own origin). */
  apiBodies: { url: string; bytes: number }[];
  /** Every PUT to the storage origin. */
  puts: PutRecord[];
  /** PUT count per part number of one multipart upload, by storage's UploadId. */
  putsPerPart(storageUploadId: string): Map<number, number>;
}

function putRecord(request: Request): PutRecord {
  const url = new URL(request.url());
  return {
    storageUploadId: url.searchParams.get("uploadId") ?? "",
    partNumber: Number(url.searchParams.get("partNumber") ?? 0),
    url: request.url(),
  };
}

/**
 * Records the page's errors and its requests to the API and storage origins, on every page of `context`
 * (and across reloads).
 */
export function recordTraffic(context: BrowserContext, apiOrigin: string, storageOrigin: string): Recorder {
  const recorder: Recorder = {
    pageErrors: [],
    consoleErrors: [],
    apiBodies: [],
    puts: [],
    putsPerPart(storageUploadId) {
      const counts = new Map<number, number>();
      for (const put of this.puts) if (put.storageUploadId === storageUploadId) counts.set(put.partNumber, (counts.get(put.partNumber) ?? 0) + 1);
      return counts;
    },
  };
  const watch = (page: Page) => {
    page.on("pageerror", (error) => recorder.pageErrors.push(`${error.name}: ${error.message}`));
    page.on("console", (message) => {
      // The URL tells which resource a "Failed to load resource" line is about.
      if (message.type() === "error") recorder.consoleErrors.push(`${message.text()} (${message.location().url})`);
    });
  };
  context.pages().forEach(watch);
  context.on("page", watch);
  context.on("request", (request) => {
    const origin = new URL(request.url()).origin;
    if (origin === apiOrigin) recorder.apiBodies.push({ url: request.url(), bytes: request.postDataBuffer()?.length ?? 0 });
    if (origin === storageOrigin && request.method() === "PUT") recorder.puts.push(putRecord(request));
  });
  return recorder;
}
