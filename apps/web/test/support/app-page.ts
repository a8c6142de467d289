import { join } from "node:path";
import { launchChromium } from "@hoist/browser-testing";
import type { BrowserContext, BrowserContextOptions, Locator, Page } from "playwright-core";
import { artifactsDir } from "./paths";
import { recordTraffic } from "./recorder";
import type { Recorder } from "./recorder";
import type { HoistServer } from "./server-process";

/** The web app open in a fresh Chromium profile, with its traffic and errors recorded. */
export interface AppPage {
  page: Page;
  context: BrowserContext;
  recorder: Recorder;
  /** Saves a full-page screenshot as `<name>.png` under the artifacts dir and prints the path. */
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Launches Chromium, starts recording, opens the server's printed URL and waits for the page to be usable. */
export async function openApp(server: HoistServer, options: BrowserContextOptions = {}): Promise<AppPage> {
  const chromium = await launchChromium({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...options });
  const { context } = chromium;
  const recorder = recordTraffic(context, server.origin, server.storageOrigin);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await waitUntilReady(page);
  return {
    page,
    context,
    recorder,
    async shot(name) {
      const path = join(artifactsDir(), `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      console.log(`screenshot: ${path}`);
      return path;
    },
    close: () => chromium.close(),
  };
}

/**
 * The Dropzone's "Choose files" `<button>` (the file input is labelled the same and is a "button" to the
 * accessibility tree too, hence the element name).
 */
export const chooseButton = (page: Page): Locator => page.locator("button", { hasText: /^\s*Choose files\s*$/ });

/** Resolves once "Choose files" is there and enabled: the page has its token and routes and takes files. */
export async function waitUntilReady(page: Page): Promise<void> {
  await page.locator("button:enabled", { hasText: /^\s*Choose files\s*$/ }).waitFor();
}

/** Chooses files through the Dropzone's file input (as the picker would), optionally on a route first. */
export async function chooseFiles(page: Page, paths: string | string[], route?: string): Promise<void> {
  if (route !== undefined) await pickRoute(page, route);
  await page.locator('input[type="file"]').first().setInputFiles(paths);
}

/** Selects the upload route whose option text starts with `name` (options also show the limits). */
export async function pickRoute(page: Page, name: string): Promise<void> {
  const select = page.getByLabel("Upload route");
  const option = select.locator("option").filter({ hasText: new RegExp(`^\\s*${name}\\b`) });
  const value = await option.first().getAttribute("value");
  await select.selectOption(value ?? name);
}

/** A queue item by file name. */
export const queueItem = (page: Page, name: string): Locator => page.locator(`[data-testid="upload-item"][data-name="${name}"]`);

/** A row of "Your files" by file name. */
export const fileRow = (page: Page, name: string): Locator => page.locator(`[data-testid="file-row"][data-name="${name}"]`);

/** The `<progress>` of a queue item. */
export const progressOf = (page: Page, name: string): Locator => page.getByRole("progressbar", { name: `${name} progress` });

/** Resolves once the item is in `state` (no timing: waits as long as the test's timeout allows). */
export async function waitForState(page: Page, name: string, state: string, timeout = 170_000): Promise<void> {
  await page.locator(`[data-testid="upload-item"][data-name="${name}"][data-state="${state}"]`).waitFor({ timeout });
}

/**
 * Does what opens a native file picker (`trigger`: a click, a key) and answers it with `paths`, as a person would.
 * The page records that `input` was clicked (what opens the picker) rather than Playwright's "filechooser" event:
 * Chromium's CDP fileChooserOpened goes missing now and then (seen here in 2 runs of 6, the page having done
 * everything right).
 */
export async function answerPicker(input: Locator, trigger: () => Promise<void>, paths: string | string[]): Promise<void> {
  await input.evaluate((element) => {
    element.addEventListener("click", () => { element.setAttribute("data-picker-opened", ""); }, { once: true });
  });
  await trigger();
  await input.and(input.page().locator("[data-picker-opened]")).waitFor({ state: "attached" });
  await input.setInputFiles(paths);
}
