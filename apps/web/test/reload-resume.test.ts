import { skipBrowser } from "@hoist/browser-testing";
import { describe, expect, it } from "vitest";
import { answerPicker, fileRow, waitForState, waitUntilReady } from "./support/app-page";
import { writeDeterministicFile } from "./support/fixtures";
import { gateParts } from "./support/part-gate";
import { unexpectedErrors, useWebSuite } from "./support/suite";

const MiB = 1024 * 1024;
const NAME = "reload-me.bin";
const BEFORE_RELOAD = 3;

describe.skipIf(skipBrowser())("the web app in Chromium: reload mid-upload, then resume", () => {
  const suite = useWebSuite();

  it("lists the unfinished upload after a reload and completes it without re-sending stored parts", async () => {
    const { page, context, recorder } = suite.app;
    const path = suite.files.file(NAME);
    await writeDeterministicFile(path, 40 * MiB, "e2e-reload");
    const trpc = await suite.server.trpc();
    const gate = await gateParts(context, suite.server.storageOrigin, (part) => part <= BEFORE_RELOAD);
    await page.locator('input[type="file"]').first().setInputFiles(path);
    await waitForState(page, NAME, "uploading");
    await expect.poll(() => recorder.puts.length, { timeout: 60_000 }).toBeGreaterThan(0);
    const storageUploadId = recorder.puts[0]?.storageUploadId ?? "";
    const session = (await trpc.upload.list.query({ status: "uploading" })).items.find((item) => item.name === NAME);
    expect(session, "the session upload.list shows mid-upload").toBeDefined();
    const uploadId = session?.uploadId ?? "";
    // Storage itself says which parts it holds before the page goes away.
    const stored = async () => (await trpc.upload.listParts.query({ uploadId })).parts.map((part) => part.partNumber);
    await expect.poll(stored, { timeout: 60_000 }).toHaveLength(BEFORE_RELOAD);
    const confirmed = await stored();

    await page.reload();
    const unfinished = page.locator(`[data-testid="unfinished-item"][data-name="${NAME}"]`);
    await unfinished.waitFor();
    expect(await unfinished.textContent()).toContain("Choose the same file again to continue");
    await waitUntilReady(page);
    await suite.app.shot("unfinished-after-reload");
    await gate.dispose();

    const resume = unfinished.getByRole("button", { name: `Resume ${NAME}` });
    await answerPicker(page.getByLabel("Choose the file to resume"), () => resume.click(), path);
    await waitForState(page, NAME, "done");
    await fileRow(page, NAME).waitFor();

    // Every PUT went to the one session, and no part storage held before the reload was sent again.
    expect(new Set(recorder.puts.map((put) => put.storageUploadId))).toEqual(new Set([storageUploadId]));
    const counts = recorder.putsPerPart(storageUploadId);
    for (const part of confirmed) expect(counts.get(part), `PUTs of part ${part}`).toBe(1);
    const finished = await trpc.upload.get.query({ uploadId });
    expect(finished.status).toBe("complete");
    expect(counts.size).toBe(finished.partCount); // every part was sent, the stored ones once
    const { items } = await trpc.upload.list.query({ status: "uploading" });
    expect(items).toEqual([]);
    expect(unexpectedErrors(suite.app)).toEqual([]);
  });
});
