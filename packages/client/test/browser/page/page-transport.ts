import { xhrTransport } from "@hoist/client/browser";
import { makeFile } from "./test-bytes";
import type { PagePut, PagePutResult } from "./page-types";

/**
 * One PUT through `xhrTransport()` exactly as the engine calls it, recording every `onSent` value. With
 * `abortOnFirstProgress` the request's signal is aborted as soon as bytes are on their way.
 */
export async function put(request: PagePut): Promise<PagePutResult> {
  const body = makeFile(request.spec);
  const controller = new AbortController();
  const reason = new Error("stopped by the test");
  const sent: number[] = [];
  try {
    const response = await xhrTransport().put({
      url: request.url,
      headers: request.headers,
      body,
      size: body.size,
      signal: controller.signal,
      timeoutMs: request.timeoutMs,
      onSent: (bytes) => {
        sent.push(bytes);
        if (request.abortOnFirstProgress === true) controller.abort(reason);
      },
    });
    return { ok: true, sent, status: response.status, etag: response.etag };
  } catch (error) {
    return { ok: false, sent, message: error instanceof Error ? error.message : String(error), isAbortReason: error === reason };
  }
}
