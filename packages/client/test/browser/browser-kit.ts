import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { Page, Request } from "playwright-core";
import { bundleForBrowser, launchChromium, serveFiles } from "@hoist/browser-testing";
import type { FileServer, LaunchedChromium } from "@hoist/browser-testing";
import { allowBrowserUploads, partFloor, startStack, testRoutes } from "@hoist/server/testing";
import type { Stack } from "@hoist/server/testing";
import type { FileRecord } from "@hoist/contract";
import type { ApiAccess } from "./page/page-types";

const MiB = 1024 * 1024;
const ENTRY = fileURLToPath(new URL("./page/page-entry.ts", import.meta.url));
const HTML = '<!doctype html><meta charset="utf-8"><title>Hoist engine in Chromium</title><script type="module" src="/page.js"></script>';

/** What {@link browserSuite} sets up for a test file. */
export interface BrowserSuite {
  readonly stack: Stack;
  readonly page: Page;
  /** The part size of the test route: the store's floor, but at least 1 MiB so parts dwarf any API request. */
  readonly partSize: number;
  readonly storageOrigin: string;
  readonly apiOrigin: string;
  readonly pageOrigin: string;
  access(user: string): Promise<ApiAccess>;
  /** Loads the test page and waits for its helpers. */
  open(): Promise<void>;
  /** Reloads the page (its memory is gone, IndexedDB stays) and waits for its helpers. */
  reload(): Promise<void>;
}

/**
 * A real API and store (PGlite; local-s3, or RGW with HOIST_TEST_S3_*) with browser CORS on the bucket, the page
 * bundle served on a loopback origin, and headless Chromium (persistent profile) showing it; all closed after the
 * file's tests. Any uncaught page error fails the test it happened in.
 */
export function browserSuite(): BrowserSuite {
  let stack: Stack | undefined;
  let server: FileServer | undefined;
  let chromium: LaunchedChromium | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("browserSuite: used before its beforeAll ran");
    return value;
  };
  const partSizeOf = (s: Stack) => Math.max(partFloor(s.s3), MiB);
  beforeAll(async () => {
    const [started, code] = await Promise.all([
      startStack("pglite", { routes: (s3) => testRoutes(s3, { default: { maxSize: "1GB", types: ["*/*"], minPartSize: Math.max(partFloor(s3), MiB) } }) }),
      bundleForBrowser(ENTRY),
    ]);
    stack = started;
    await allowBrowserUploads(started);
    server = await serveFiles({ "/": { body: HTML, type: "text/html" }, "/page.js": { body: code, type: "text/javascript" } });
    chromium = await launchChromium();
    page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await suite.open();
  });
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    await stack?.close();
  });
  const suite: BrowserSuite = {
    get stack() {
      return ready(stack);
    },
    get page() {
      return ready(page);
    },
    get partSize() {
      return partSizeOf(ready(stack));
    },
    get storageOrigin() {
      const { endpoint } = ready(stack).s3.storage;
      if (endpoint === undefined) throw new Error("browserSuite: the test store has no endpoint");
      return new URL(endpoint).origin;
    },
    get apiOrigin() {
      return new URL(ready(stack).api.url).origin;
    },
    get pageOrigin() {
      return ready(server).origin;
    },
    access: async (user) => ({ apiUrl: ready(stack).api.url, token: await ready(stack).api.token(user) }),
    async open() {
      await ready(page).goto(`${ready(server).origin}/`);
      await ready(page).waitForFunction(() => window.hoistPage !== undefined);
    },
    async reload() {
      await ready(page).reload();
      await ready(page).waitForFunction(() => window.hoistPage !== undefined);
    },
  };
  return suite;
}

/** Records the page's requests from now on until `stop()`: method, URL and the body Chromium reports. */
export function recordRequests(page: Page) {
  const seen: { method: string; url: URL; bodyBytes: number }[] = [];
  const failed: { url: URL; error: string }[] = [];
  const onRequest = (request: Request) => {
    if (request.url().startsWith("blob:")) return; // a worker's inline script: no network
    seen.push({ method: request.method(), url: new URL(request.url()), bodyBytes: request.postDataBuffer()?.length ?? 0 });
  };
  const onFailed = (request: Request) => {
    failed.push({ url: new URL(request.url()), error: request.failure()?.errorText ?? "" });
  };
  page.on("request", onRequest);
  page.on("requestfailed", onFailed);
  return {
    seen,
    failed,
    stop() {
      page.off("request", onRequest);
      page.off("requestfailed", onFailed);
    },
  };
}

/** Part number of a presigned PUT URL (`partNumber=`); 1 for a single PUT. */
export const partNumberOf = (url: URL) => Number(url.searchParams.get("partNumber") ?? "1");

/** SHA-256 (hex) of what storage holds for a file, read back through the API's own download URL. */
export async function storedSha256(suite: BrowserSuite, user: string, file: FileRecord): Promise<string> {
  const api = await suite.stack.api.client(user);
  const { url } = await api.files.downloadUrl.mutate({ id: file.id });
  const response = await fetch(url);
  if (!response.ok) throw new Error(`download of ${file.name}: ${response.status} ${await response.text()}`);
  return createHash("sha256").update(new Uint8Array(await response.arrayBuffer())).digest("hex");
}
