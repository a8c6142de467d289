import type { PartBody, PartRequest, PartResponse, Transport } from "../types";

// Browsers refuse to let scripts set these; they send the right values themselves (the Blob's length).
const FORBIDDEN = new Set(["content-length", "host", "connection"]);

function xhrBody(body: PartBody): XMLHttpRequestBodyInit {
  if (typeof body === "function" || "kind" in body) throw new TypeError("the XHR transport sends Blobs and bytes, not Node streams or files; use a Blob source");
  return body instanceof Uint8Array ? new Blob([new Uint8Array(body)]) : body;
}

function open(req: PartRequest, resolve: (response: PartResponse) => void, reject: (reason: unknown) => void): XMLHttpRequest {
  const xhr = new XMLHttpRequest();
  xhr.open("PUT", req.url);
  for (const [name, value] of Object.entries(req.headers)) {
    if (!FORBIDDEN.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
  }
  xhr.upload.onprogress = (event) => req.onSent?.(event.loaded);
  xhr.onload = () => {
    const ok = xhr.status >= 200 && xhr.status < 300;
    // The ETag is readable only if the bucket's CORS rules expose it.
    const etag = xhr.getResponseHeader("ETag") ?? undefined;
    resolve(ok ? { status: xhr.status, etag } : { status: xhr.status, etag: undefined, errorBody: xhr.responseText.slice(0, 4096) });
  };
  xhr.onerror = () => {
    reject(new Error("network error while sending a part (connection lost, or blocked by CORS)"));
  };
  xhr.ontimeout = () => {
    reject(new Error(`no answer within ${req.timeoutMs} ms: timed out`));
  };
  return xhr;
}

/**
 * Browser transport: XMLHttpRequest, the one browser API with upload progress events. `fetch` has none
 * (streaming request bodies are not widely supported). Aborts with the request's signal; a part stalled with
 * no progress for `timeoutMs` is aborted too.
 */
export function xhrTransport(): Transport {
  return {
    put: (req) =>
      new Promise<PartResponse>((resolve, reject) => {
        let stall: ReturnType<typeof setTimeout> | undefined;
        const settle = <T>(fn: (value: T) => void) => (value: T) => {
          clearTimeout(stall);
          req.signal.removeEventListener("abort", onAbort);
          fn(value);
        };
        const xhr = open(req, settle(resolve), settle(reject));
        const arm = () => {
          clearTimeout(stall);
          stall = setTimeout(() => {
            xhr.abort();
            settle(reject)(new Error(`no progress for ${req.timeoutMs} ms: timed out`));
          }, req.timeoutMs);
        };
        const onAbort = () => {
          xhr.abort();
          settle(reject)(req.signal.reason);
        };
        if (req.signal.aborted) {
          onAbort();
          return;
        }
        req.signal.addEventListener("abort", onAbort, { once: true });
        xhr.upload.addEventListener("progress", arm);
        arm();
        xhr.send(xhrBody(req.body));
      }),
  };
}
