import { writeFile } from "node:fs/promises";
import { skipBrowser } from "@hoist/browser-testing";
import { describe, expect, it } from "vitest";
import { chooseFiles, fileRow, progressOf, queueItem, waitForState } from "./support/app-page";
import { crc64File, sha256File, tinyPng, writeDeterministicFile } from "./support/fixtures";
import { gateParts } from "./support/part-gate";
import { unexpectedErrors, useWebSuite } from "./support/suite";

const MiB = 1024 * 1024;
const BIG = "big-64mib.bin";
const IMAGE = "photo.png";

describe.skipIf(skipBrowser())("the web app in Chromium: choose, upload, list, download", () => {
  const suite = useWebSuite();
  const source = (name: string) => suite.files.file(name);

  it("uploads a 64 MiB file and a small image chosen through the page: both reach 100% and are listed", async () => {
    const { page } = suite.app;
    await writeDeterministicFile(source(BIG), 64 * MiB, "e2e-big");
    await writeFile(source(IMAGE), tinyPng());
    // Parts after the 4th wait at the gate until the in-progress screenshot is taken (it would be over too soon).
    const gate = await gateParts(suite.app.context, suite.server.storageOrigin, (part) => part <= 4);
    try {
      await chooseFiles(page, [source(BIG), source(IMAGE)]);
      const percent = () => progressOf(page, BIG).evaluate((bar: HTMLProgressElement) => bar.value);
      await expect.poll(percent, { timeout: 60_000 }).toBeGreaterThan(0);
      await suite.app.shot("queue-in-progress");
    } finally {
      await gate.dispose();
    }
    for (const name of [BIG, IMAGE]) {
      await waitForState(page, name, "done");
      const percent = await progressOf(page, name).evaluate((bar: HTMLProgressElement) => (bar.value / bar.max) * 100);
      expect(percent, `${name} progress bar`).toBe(100);
      await expect.poll(() => queueItem(page, name).textContent()).toContain("100%");
      await fileRow(page, name).waitFor();
    }
    // The image got a thumbnail made in the browser.
    await queueItem(page, IMAGE).getByTestId("thumbnail").waitFor();
    const rows = await page.getByRole("table", { name: "Your files" }).locator('[data-testid="file-row"]').count();
    expect(rows).toBe(2);
    // Uploads default to crc64nvme and the zero-config store checks it: each row says so in words.
    for (const name of [BIG, IMAGE]) await fileRow(page, name).getByRole("cell", { name: "CRC64NVME verified by storage" }).waitFor();
    await suite.app.shot("done");
  });

  it("the server recorded both files with their sizes, types and storage-verified CRC64NVME", async () => {
    const trpc = await suite.server.trpc();
    const { items } = await trpc.files.list.query({});
    const byName = new Map(items.map((file) => [file.name, file]));
    expect(byName.get(BIG)).toMatchObject({ size: 64 * MiB });
    expect(byName.get(IMAGE)).toMatchObject({ size: tinyPng().length, type: "image/png" });
    for (const name of [BIG, IMAGE]) {
      // The whole file's CRC64NVME, checked by storage, is the one of the bytes chosen (computed independently).
      expect(byName.get(name), name).toMatchObject({ checksum: `crc64nvme:${await crc64File(source(name))}`, checksumVerifiedBy: "storage" });
    }
  });

  it("downloads each file through its Download button with the bytes that were chosen", async () => {
    const { page } = suite.app;
    for (const name of [BIG, IMAGE]) {
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 60_000 }),
        fileRow(page, name).getByRole("button", { name: `Download ${name}` }).click(),
      ]);
      const path = await download.path();
      expect(await sha256File(path), `${name} downloaded`).toBe(await sha256File(source(name)));
    }
  });

  it("sent every byte to storage, never a request body over 1 MiB to the API, and raised no page errors", () => {
    const { recorder } = suite.app;
    expect(recorder.puts.length).toBeGreaterThan(1); // bytes went from the page straight to storage
    expect(recorder.apiBodies.length).toBeGreaterThan(0);
    const largest = Math.max(...recorder.apiBodies.map((body) => body.bytes));
    expect(largest).toBeLessThanOrEqual(MiB);
    expect(unexpectedErrors(suite.app)).toEqual([]);
  });
});
