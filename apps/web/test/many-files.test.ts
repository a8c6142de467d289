import { skipBrowser } from "@hoist/browser-testing";
import type { FileRecord } from "@hoist/contract";
import { describe, expect, it } from "vitest";
import { chooseFiles, queueItem, waitForState } from "./support/app-page";
import { writeManyFiles } from "./support/fixtures";
import { renderedItems, scrollQueueToEnd } from "./support/queue-dom";
import { unexpectedErrors, useWebSuite } from "./support/suite";

const COUNT = 1_000;
// A virtualised queue renders what fits on screen plus some overscan; 1,000 rows in the DOM would mean it is not.
const MAX_RENDERED = 100;
const UPLOADED = 30;

describe.skipIf(skipBrowser())("the web app in Chromium: 1,000 files at once", () => {
  const suite = useWebSuite();

  /** Every file record of the demo user, all pages. */
  async function allFiles(): Promise<FileRecord[]> {
    const trpc = await suite.server.trpc();
    const found: FileRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await trpc.files.list.query({ limit: 100, ...(cursor !== undefined && { cursor }) });
      found.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return found;
  }

  it("queues 1,000 chosen files in a virtualised list, uploads them a few at a time, and cancels the rest at once", async () => {
    const { page } = suite.app;
    const paths = await writeManyFiles(suite.files.path, COUNT);
    await chooseFiles(page, paths);
    await queueItem(page, "file-0001.txt").waitFor();
    const whileQueued = await renderedItems(page);
    expect(whileQueued).toBeGreaterThan(0);
    expect(whileQueued).toBeLessThan(MAX_RENDERED);
    await suite.app.shot("queue-1000-files");

    // Uploading all 1,000 is the bench's job (apps/web/bench); here some finish, then "Cancel all" ends the rest.
    await expect.poll(async () => (await allFiles()).length, { timeout: 170_000, interval: 500 }).toBeGreaterThanOrEqual(UPLOADED);
    await page.getByRole("button", { name: "Cancel all" }).click();
    // The last row exists too, once scrolled to: the list is virtualised, not truncated.
    await scrollQueueToEnd(page);
    await waitForState(page, `file-${String(COUNT)}.txt`, "canceled");
    expect(await renderedItems(page)).toBeLessThan(MAX_RENDERED);
    const trpc = await suite.server.trpc();
    await expect.poll(async () => (await trpc.upload.list.query({ status: "uploading" })).items.length).toBe(0);
    const stored = await allFiles();
    expect(stored.length).toBeLessThan(COUNT);
    const chosen = new Set(paths.map((path) => path.slice(path.lastIndexOf("/") + 1)));
    expect(stored.every((file) => chosen.has(file.name))).toBe(true);
    expect(unexpectedErrors(suite.app)).toEqual([]);
  });
});
