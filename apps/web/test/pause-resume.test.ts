import { skipBrowser } from "@hoist/browser-testing";
import { describe, expect, it } from "vitest";
import { chooseFiles, fileRow, queueItem, waitForState } from "./support/app-page";
import { writeDeterministicFile } from "./support/fixtures";
import { gateParts } from "./support/part-gate";
import { unexpectedErrors, useWebSuite } from "./support/suite";

const MiB = 1024 * 1024;
const NAME = "pause-me.bin";

describe.skipIf(skipBrowser())("the web app in Chromium: pause and resume", () => {
  const suite = useWebSuite();

  it("pauses an upload in flight, then resumes it to the end", async () => {
    const { page, context } = suite.app;
    const path = suite.files.file(NAME);
    await writeDeterministicFile(path, 24 * MiB, "e2e-pause");
    // Part 1 goes through; later parts wait at the gate, so the upload is surely mid-flight when we pause it.
    const gate = await gateParts(context, suite.server.storageOrigin, (part) => part <= 1);
    try {
      await chooseFiles(page, path);
      await waitForState(page, NAME, "uploading");
      await expect.poll(() => gate.held(), { timeout: 60_000 }).toBeGreaterThan(0);
      await queueItem(page, NAME).getByRole("button", { name: `Pause ${NAME}` }).click();
      await waitForState(page, NAME, "paused");
      await suite.app.shot("queue-paused");
      await gate.open();
      await queueItem(page, NAME).getByRole("button", { name: `Resume ${NAME}` }).click();
      await waitForState(page, NAME, "done");
      await fileRow(page, NAME).waitFor();
    } finally {
      await gate.dispose();
    }
    const trpc = await suite.server.trpc();
    const { items } = await trpc.files.list.query({});
    expect(items.find((file) => file.name === NAME)).toMatchObject({ size: 24 * MiB });
    expect(unexpectedErrors(suite.app)).toEqual([]);
  });
});
