import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createNodeTrpc, createNodeUploader, fromPath, httpFetch } from "@hoist/client/node";
import type { UploadError } from "@hoist/client";
import { engineStack, writeTestFile } from "./engine-kit";

describe("engine: cancel() racing the API calls that make and finish a session", () => {
  const env = engineStack();

  /**
   * A client whose call to `procedure` reaches the server and is answered, but whose answer is held until
   * `release()`: an abort meanwhile loses it, as it would while the answer was still on the wire.
   */
  async function holdingClient(user: string, procedure: string) {
    let answered = (): void => undefined;
    const held = new Promise<void>((resolve) => (answered = resolve));
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const trpc = createNodeTrpc({
      serverUrl: env.stack.api.url,
      token: await env.stack.api.token(user),
      fetch: async (url, init) => {
        const response = await httpFetch(url, init);
        if (!String(url instanceof Request ? url.url : url).includes(procedure)) return response;
        answered();
        await new Promise<void>((resolve, reject) => {
          init?.signal?.addEventListener("abort", () => { reject(new Error("aborted while the answer was arriving")); }, { once: true });
          void gate.then(resolve);
        });
        return response;
      },
    });
    return { trpc, held, release };
  }

  it("during upload.create: the session the server made is still aborted (no orphan left uploading)", async () => {
    const path = join(env.temp.dir, "cancel-create.bin");
    await writeTestFile(path, 3 * env.floor);
    const { trpc, held, release } = await holdingClient("hana", "upload.create");
    const handle = createNodeUploader({ trpc, transport: env.transport, resumeStore: false }).upload(await fromPath(path));
    await held;
    const cancelling = handle.cancel();
    release();
    await cancelling;
    expect(((await handle.done.catch((e: unknown) => e)) as UploadError).code).toBe("CANCELLED");
    expect((await trpc.upload.list.query({ status: "uploading" })).items).toEqual([]);
  });

  it("during upload.complete: too late to cancel, the file is recorded and no abort is sent", async () => {
    const path = join(env.temp.dir, "cancel-complete.bin");
    await writeTestFile(path, 3 * env.floor);
    const { trpc, held, release } = await holdingClient("ivan", "upload.complete");
    const handle = createNodeUploader({ trpc, transport: env.transport, resumeStore: false }).upload(await fromPath(path));
    await held;
    const cancelling = handle.cancel();
    release();
    await cancelling;
    const file = await handle.done;
    expect((await trpc.files.get.query({ id: file.id })).size).toBe(3 * env.floor);
    expect((await trpc.upload.get.query({ uploadId: handle.uploadId! })).status).toBe("complete");
  });
});
