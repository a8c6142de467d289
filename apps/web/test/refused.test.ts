import { writeFile } from "node:fs/promises";
import { skipBrowser } from "@hoist/browser-testing";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { chooseFiles, queueItem, waitForState } from "./support/app-page";
import { writeSparseFile } from "./support/fixtures";
import { unexpectedErrors, useWebSuite } from "./support/suite";

const MiB = 1024 * 1024;
// Chromium logs every 4xx answer to the console; a refusal is one, and is expected here.
const REFUSAL_LOG = /Failed to load resource: the server responded with a status of 4\d\d/;

describe.skipIf(skipBrowser())("the web app in Chromium: refused files", () => {
  const suite = useWebSuite();

  /** What the server answers `upload.create` for this file, asked from Node: the message the page must show. */
  async function refusal(input: { route: string; name: string; size: number; type: string }): Promise<string> {
    const trpc = await suite.server.trpc();
    const error = await trpc.upload.create.mutate(input).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    if (!(error instanceof TRPCClientError)) throw new Error(`the server accepted ${input.name}`);
    return error.message;
  }

  it.each([
    ["a text file on the image route", "notes.txt", 2_000, "text/plain"],
    ["an image over the image route's 20 MB limit", "huge.png", 30 * MiB, "image/png"],
  ])("%s shows the server's message and sends no bytes", async (_label, name, size, type) => {
    const { page, recorder } = suite.app;
    const path = suite.files.file(name);
    if (size > MiB) await writeSparseFile(path, size);
    else await writeFile(path, "x".repeat(size));
    const message = await refusal({ route: "image", name, size, type });
    await chooseFiles(page, path, "image");
    await waitForState(page, name, "failed");
    const shown = queueItem(page, name).getByTestId("upload-error");
    await expect.poll(() => shown.textContent()).toContain(message);
    await suite.app.shot(`error-${name}`);
    expect(recorder.puts).toEqual([]);
    expect(unexpectedErrors(suite.app, [REFUSAL_LOG])).toEqual([]);
  });
});
