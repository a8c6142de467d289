import type { UploadSessionSummary } from "@hoist/contract";
import { MAX_PAGE_LIMIT } from "@hoist/contract/core";
import { apiCall } from "./api-call";
import { ApiGate } from "./api-gate";
import { retryPolicy } from "./retry";
import { sessionMatches } from "./resume";
import { Scheduler } from "./scheduler";
import type { Transport, Uploader, UploaderOptions, UploadSource } from "./types";
import { startUpload } from "./upload-run";

/** Parts signed per `upload.signParts` call when not configured. */
export const DEFAULT_SIGN_WINDOW = 100;
/** Parts in flight when not configured (the browser default; the Node entry uses 8). */
export const DEFAULT_CONCURRENCY = 4;

/** {@link UploaderOptions} with the transport the core cannot pick by itself. */
export type CoreUploaderOptions = UploaderOptions & { transport: Transport };

/**
 * Creates an uploader: every upload it starts shares one budget of `concurrency` part PUTs in flight, handed
 * out to uploads round-robin (parts within an upload go FIFO), and one gate for API calls, so a rate-limit
 * refusal slows all of them down for the server's Retry-After. Use `createNodeUploader` (`@hoist/client/node`)
 * or `createBrowserUploader` (`@hoist/client/browser`) to get a transport and resume store filled in.
 * `TRoute` narrows the route names uploads may give (default: any string, checked by the server).
 */
export function createUploader<TRoute extends string = string>(options: CoreUploaderOptions): Uploader<TRoute> {
  const scheduler = new Scheduler(options.concurrency ?? DEFAULT_CONCURRENCY);
  const gate = new ApiGate();
  const deps = {
    trpc: options.trpc,
    gate,
    apiRetry: options.apiRetry,
    scheduler,
    transport: options.transport,
    policy: retryPolicy(options.retry),
    signWindow: options.signWindow ?? DEFAULT_SIGN_WINDOW,
    checksum: options.checksum ?? "crc64nvme",
    partMemoryBudget: options.partMemoryBudget,
    ...(options.resumeStore && { resumeStore: options.resumeStore }),
  };
  return {
    upload: (source, uploadOptions = {}) => startUpload(deps, source, uploadOptions),
    findResumable: (source) => findResumable(options, source, gate),
  };
}

/** Pages through `upload.list` for unfinished sessions made for this source (any device). */
async function findResumable(options: UploaderOptions, source: UploadSource, gate: ApiGate): Promise<UploadSessionSummary[]> {
  const found: UploadSessionSummary[] = [];
  let cursor: string | undefined;
  do {
    const input = { status: "uploading" as const, limit: MAX_PAGE_LIMIT, ...(cursor !== undefined && { cursor }) };
    const page = await apiCall(() => options.trpc.upload.list.query(input), { gate, retry: options.apiRetry });
    found.push(...page.items.filter((session) => session.status === "uploading" && sessionMatches(session, source)));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return found;
}
