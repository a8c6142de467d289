import { fileURLToPath } from "node:url";
import { bundleForBrowser, launchChromium, serveFiles } from "@hoist/browser-testing";
import type { Page } from "playwright-core";
import type { ChecksumMode } from "@hoist/contract/core";
import type { HoistBench, RunResult } from "./browser/bench-entry";

const ENTRY = fileURLToPath(new URL("browser/bench-entry.ts", import.meta.url));

/** A Chromium page with the bench script loaded from its own loopback origin (the API and store allow any origin in dev mode). */
export interface BenchPage {
  page: Page;
  /** The engine on a generated Blob of `size` bytes; the file is deleted by the caller. */
  engine(size: number, checksum: ChecksumMode): Promise<RunResult>;
  /** Raw XHR PUTs of the same plan with the engine's default concurrency. */
  raw(size: number): Promise<RunResult>;
  /** {@link raw} with per-part SHA-256 headers, hashed before the clock starts. */
  rawSha256(size: number): Promise<RunResult>;
  concurrency(): Promise<number>;
  /** Chooses a file on disk as the source of runs of its exact size (instead of an in-memory generated Blob). */
  chooseSource(path: string): Promise<void>;
  close(): Promise<void>;
}

type BenchWindow = Window & { hoistBench: HoistBench };

/** Opens the bench page against the server at `apiOrigin` as the holder of `token`. */
export async function openBenchPage(apiOrigin: string, token: string): Promise<BenchPage> {
  const script = await bundleForBrowser(ENTRY);
  const html =
    '<!doctype html><meta charset="utf-8"><title>hoist bench</title><input type="file" id="source">' +
    '<script type="module" src="/bench.js"></script>';
  const files = await serveFiles({
    "/": { body: html, type: "text/html" },
    "/bench.js": { body: script, type: "text/javascript" },
    "/favicon.ico": { body: new Uint8Array(0), type: "image/x-icon" },
  });
  const chromium = await launchChromium();
  const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  // The page's warnings (the baseline's retries) and errors belong in the bench output.
  page.on("console", (message) => {
    if (message.type() === "warning" || message.type() === "error") console.log(`  [page] ${message.text()}`);
  });
  await page.goto(files.origin);
  await page.waitForFunction(() => "hoistBench" in window);
  return {
    page,
    engine: (size, checksum) =>
      page.evaluate(([o, t, s, c]) => (window as unknown as BenchWindow).hoistBench.engine(o, t, s, c), [apiOrigin, token, size, checksum] as const),
    raw: (size) => page.evaluate(([o, t, s]) => (window as unknown as BenchWindow).hoistBench.raw(o, t, s), [apiOrigin, token, size] as const),
    rawSha256: (size) =>
      page.evaluate(([o, t, s]) => (window as unknown as BenchWindow).hoistBench.rawSha256(o, t, s), [apiOrigin, token, size] as const),
    concurrency: () => page.evaluate(() => (window as unknown as BenchWindow).hoistBench.concurrency),
    chooseSource: (path) => page.locator("#source").setInputFiles(path),
    async close() {
      await chromium.close();
      await files.close();
    },
  };
}
