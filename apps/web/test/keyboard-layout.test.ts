import { writeFile } from "node:fs/promises";
import { skipBrowser } from "@hoist/browser-testing";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { answerPicker, chooseButton, queueItem, waitForState, waitUntilReady } from "./support/app-page";
import { tinyPng } from "./support/fixtures";
import { unexpectedErrors, useWebSuite } from "./support/suite";

const LONG_NAME = "a-rather-long-file-name-that-could-push-the-layout-sideways-on-a-phone.png";

/** How far the page scrolls sideways: 0 when nothing is wider than the viewport. */
const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Presses Tab until the focused element is the "Choose files" button; returns how many presses it took. */
async function tabToChooseFiles(page: Page, limit = 30): Promise<number> {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press("Tab");
    if (await chooseButton(page).evaluate((button) => button === document.activeElement)) return presses;
  }
  return -1;
}

describe.skipIf(skipBrowser())("the web app in Chromium: keyboard and narrow screens", () => {
  const suite = useWebSuite();

  it("has the heading, the route chooser with limits and the drop zone", async () => {
    const { page } = suite.app;
    await page.getByRole("heading", { name: "Hoist" }).first().waitFor();
    // The routes arrive from upload.routes after the page is usable: wait for them, not for a moment.
    await page.getByLabel("Upload route").locator("option", { hasText: /^image/ }).waitFor({ state: "attached" });
    const options = await page.getByLabel("Upload route").locator("option").allTextContents();
    expect(options.some((text) => text.startsWith("image") && /20/.test(text))).toBe(true);
    await page.getByRole("region", { name: "Drop files here" }).waitFor();
    await page.getByText("No files yet").waitFor();
    await suite.app.shot("desktop");
  });

  it("reaches Choose files with Tab alone and opens the picker with Enter", async () => {
    const { page } = suite.app;
    await page.reload();
    await waitUntilReady(page);
    expect(await tabToChooseFiles(page)).toBeGreaterThan(0);
    const path = suite.files.file("keyboard.png");
    await writeFile(path, tinyPng(24, 24));
    // Enter on the focused button must open the picker (a click on the file input), as a mouse click would.
    await answerPicker(page.locator('input[type="file"]').first(), () => page.keyboard.press("Enter"), path);
    await waitForState(page, "keyboard.png", "done");
  });

  it("fits a 360x740 phone screen without sideways scrolling, empty and with a queue", async () => {
    const { page } = suite.app;
    await page.setViewportSize({ width: 360, height: 740 });
    await page.reload();
    await waitUntilReady(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await suite.app.shot("phone");
    const path = suite.files.file(LONG_NAME);
    await writeFile(path, tinyPng(32, 32));
    await page.locator('input[type="file"]').first().setInputFiles(path);
    await waitForState(page, LONG_NAME, "done");
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // Nothing clipped inside the queue either: the row's own button is on screen.
    const remove = await queueItem(page, LONG_NAME).getByRole("button", { name: `Remove ${LONG_NAME}` }).boundingBox();
    expect((remove?.x ?? Infinity) + (remove?.width ?? 0), "right edge of the Remove button").toBeLessThanOrEqual(360);
    await suite.app.shot("phone-with-queue");
    expect(unexpectedErrors(suite.app)).toEqual([]);
  });
});
