import { useEffect } from "react";
import { inject } from "vitest";
import { createUploader } from "@hoist/client";
import type { Transport, UploaderOptions } from "@hoist/client";
import { createNodeTrpc, httpFetch, nodeHttpTransport } from "@hoist/client/node";
import { HoistProvider, useUploader } from "../src";
import type { Uploads, UseUploaderOptions } from "../src";

const used: Record<string, number> = {};

/** A fresh user of the shared test API (its own files and sessions), with a tRPC client that counts calls. */
export function testUser(file: "queue" | "components") {
  const { url, tokens } = inject("hoist");
  used[file] = (used[file] ?? 0) + 1;
  const name = `${file}-${String(used[file])}`;
  const token = tokens[name];
  if (token === undefined) throw new Error(`no token for ${name}: add users in global-setup.ts`);
  const calls: string[] = [];
  const trpc = createNodeTrpc({
    serverUrl: url,
    token,
    fetch: (input, init) => {
      calls.push(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      return httpFetch(input, init);
    },
  });
  /** Calls of one procedure made so far (e.g. "upload.create"). */
  const count = (procedure: string) => calls.filter((call) => call.includes(`/trpc/${procedure}`)).length;
  return { name, trpc, count };
}

/**
 * The real Node transport behind a gate the test opens and closes: a PUT waits at a closed gate (a pause aborts
 * the wait like it aborts a request), so "uploading" holds still until the test lets bytes through. `failPart`
 * answers that part number with a 500 once, as storage might.
 */
export function gatedTransport(inner: Transport = nodeHttpTransport()) {
  let open = true;
  let waiters: (() => void)[] = [];
  const state = { puts: 0, waiting: 0, failPart: undefined as number | undefined };
  const wait = (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      state.waiting += 1;
      const done = () => {
        state.waiting -= 1;
        signal.removeEventListener("abort", onAbort);
      };
      const onAbort = () => {
        done();
        reject(signal.reason as Error);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      waiters.push(() => {
        done();
        resolve();
      });
    });
  const transport: Transport = {
    put: async (req) => {
      state.puts += 1;
      if (!open) await wait(req.signal);
      if (state.failPart !== undefined && new URL(req.url).searchParams.get("partNumber") === String(state.failPart)) {
        state.failPart = undefined;
        return { status: 500, etag: undefined, errorBody: "<Error><Code>InternalError</Code></Error>" };
      }
      return inner.put(req);
    },
  };
  return {
    transport,
    state,
    close: () => {
      open = false;
    },
    open: () => {
      open = true;
      const release = waiters;
      waiters = [];
      for (const resolve of release) resolve();
    },
  };
}

/** An engine on the test user's client; happy-dom Files are sent by the Node transport as they are. */
export function testEngine(trpc: UploaderOptions["trpc"], transport: Transport, options: Partial<UploaderOptions> = {}) {
  return createUploader({ trpc, transport, concurrency: 4, retry: { attempts: 1 }, ...options });
}

/** A file of `size` bytes (a repeating pattern), named and typed. */
export function testFile(name: string, size: number, type = "application/octet-stream"): File {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * 31) & 0xff;
  return new File([bytes], name, { type });
}

/** Renders `useUploader` and hands every snapshot to `onQueue` (tests call its controls inside `act`). */
export function QueueProbe(props: UseUploaderOptions & { onQueue: (queue: Uploads) => void; children?: (queue: Uploads) => React.ReactNode }) {
  const { onQueue, children, ...options } = props;
  const queue = useUploader(options);
  useEffect(() => {
    onQueue(queue);
  });
  return <>{children?.(queue)}</>;
}

export { HoistProvider };
