import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, BrowserContextOptions } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); never a browser downloaded by a test tool. */
export const CHROMIUM_PATH = process.env.HOIST_CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Flags for headless Chromium on these machines: root needs --no-sandbox, and without the background-networking
 * flags Chromium keeps dialling hosts this closed network refuses.
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** True when browser suites may be skipped: only by asking (`HOIST_TEST_SKIP_BROWSER=1`), never silently. */
export function skipBrowser(): boolean {
  return process.env.HOIST_TEST_SKIP_BROWSER === "1";
}

/** A running Chromium with a fresh user-data dir of its own; `close()` stops it and removes the dir. */
export interface LaunchedChromium {
  context: BrowserContext;
  browser: Browser | null;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium with a fresh, empty profile (a persistent context, so IndexedDB survives reloads
 * within the run, as in a real browser). Fails with a message saying how to install it when it is missing.
 */
export async function launchChromium(options: BrowserContextOptions = {}): Promise<LaunchedChromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (or set HOIST_CHROMIUM_PATH), ` +
        "or HOIST_TEST_SKIP_BROWSER=1 to skip the browser suites",
    );
  }
  const userDataDir = await mkdtemp(join(tmpdir(), "hoist-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
  return {
    context,
    browser: context.browser(),
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
