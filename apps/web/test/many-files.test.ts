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

  it("queues 1,000 chosen files in a virtualised list and uploads every one", async () => {
    const { page } = suite.app;
    const paths = await writeManyFiles(suite.files.path, COUNT);
    await chooseFiles(page, paths);
    await queueItem(page, "file-0001.txt").waitFor();
    const whileQueued = await renderedItems(page);
    expect(whileQueued).toBeGreaterThan(0);
    expect(whileQueued).toBeLessThan(MAX_RENDERED);
    await suite.app.shot("queue-1000-files");

    await expect.poll(async () => (await allFiles()).length, { timeout: 170_000, interval: 1_000 }).toBe(COUNT);
    const names = new Set((await allFiles()).map((file) => file.name));
    expect(names).toEqual(new Set(paths.map((path) => path.slice(path.lastIndexOf("/") + 1))));

    // The last row exists too, once scrolled to: the list is virtualised, not truncated.
    await scrollQueueToEnd(page);
    await waitForState(page, `file-${COUNT}.txt`, "done");
    expect(await renderedItems(page)).toBeLessThan(MAX_RENDERED);
    expect(unexpectedErrors(suite.app)).toEqual([]);
  });
});
