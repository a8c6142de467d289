import { describe, expect, it } from "vitest";
import { act, render, screen, waitFor } from "@testing-library/react";
import { FileList, UploadQueue } from "../src";
import type { Uploads, UseUploaderOptions } from "../src";
import type { UploaderOptions } from "@hoist/client";
import { gatedTransport, HoistProvider, QueueProbe, testEngine, testFile, testUser } from "./support";

/** Renders a queue (with its list and the file table) for a fresh user, on a real engine behind a gate. */
function setup(options: UseUploaderOptions = {}, engine: Partial<UploaderOptions> = {}) {
  const user = testUser("queue");
  const gate = gatedTransport();
  const uploader = testEngine(user.trpc, gate.transport, engine);
  const seen: (readonly Uploads["items"][number][])[] = [];
  let queue: Uploads | undefined;
  render(
    <HoistProvider trpcClient={user.trpc} uploader={uploader}>
      <QueueProbe {...options} onQueue={(q) => { queue = q; seen.push(q.items); }}>
        {(q) => (
          <>
            <UploadQueue queue={q} />
            <FileList />
          </>
        )}
      </QueueProbe>
    </HoistProvider>,
  );
  const current = () => {
    if (!queue) throw new Error("the queue has not rendered");
    return queue;
  };
  const item = (name: string) => current().items.find((candidate) => candidate.name === name);
  const states = () => current().items.map((candidate) => candidate.state);
  return { user, gate, current, item, states, seen };
}

describe("useUploader on a real engine and API", () => {
  it("moves files queued → uploading → done and lists them without a reload", async () => {
    const t = setup({ maxActive: 1 });
    t.gate.close();
    act(() => { t.current().add([testFile("one.bin", 1000), testFile("two.bin", 1000)]); });
    await waitFor(() => { expect(t.states()).toEqual(["uploading", "queued"]); });
    expect(screen.getAllByTestId("upload-item").map((row) => row.dataset.state)).toEqual(["uploading", "queued"]);
    await waitFor(() => { expect(t.gate.state.waiting).toBe(1); });
    // Let one.bin's single PUT through only: two.bin then starts and waits at the gate.
    act(() => { t.gate.open(); t.gate.close(); });
    await waitFor(() => { expect(t.states()).toEqual(["done", "uploading"]); });
    act(() => { t.gate.open(); });
    await waitFor(() => { expect(t.states()).toEqual(["done", "done"]); });
    expect(t.item("one.bin")?.progress.percent).toBe(100);
    expect(screen.getByRole("progressbar", { name: "two.bin progress" }).getAttribute("value")).toBe("100");
    await waitFor(() => {
      expect(screen.getAllByTestId("file-row").map((row) => row.dataset.name).sort()).toEqual(["one.bin", "two.bin"]);
    });
    expect(await screen.findByText("two.bin uploaded")).toBeTruthy();
  });

  it("starts at most maxActive uploads however many files wait", async () => {
    const t = setup({ maxActive: 3 });
    t.gate.close();
    const files = Array.from({ length: 12 }, (_, i) => testFile(`f${String(i)}.bin`, 1000));
    act(() => { t.current().add(files); });
    await waitFor(() => { expect(t.gate.state.waiting).toBe(3); });
    await waitFor(() => { expect(t.states().filter((s) => s === "uploading")).toHaveLength(3); });
    expect(t.states().filter((s) => s === "queued")).toHaveLength(9);
    expect(t.user.count("upload.create")).toBe(3);
    expect((await t.user.trpc.upload.list.query({ status: "uploading" })).items).toHaveLength(3);
    act(() => { t.gate.open(); });
    await waitFor(() => { expect(t.current().items.filter((i) => i.state !== "done").map((i) => [i.name, i.state])).toEqual([]); });
    const most = Math.max(...t.seen.map((items) => items.filter((i) => i.state === "uploading").length));
    expect(most).toBeLessThanOrEqual(3);
    expect(t.user.count("upload.create")).toBe(12);
  });

  it("pauses (aborting parts in flight) and resumes to done", async () => {
    const t = setup();
    t.gate.close();
    act(() => { t.current().add([testFile("movie.bin", 5000)]); });
    await waitFor(() => { expect(t.gate.state.waiting).toBeGreaterThan(0); });
    const id = t.current().items[0]?.id ?? "";
    act(() => { t.current().pause(id); });
    await waitFor(() => { expect(t.item("movie.bin")?.state).toBe("paused"); });
    expect(t.gate.state.waiting).toBe(0);
    expect(screen.getByRole("button", { name: "Resume movie.bin" })).toBeTruthy();
    t.gate.open();
    act(() => { t.current().resume(id); });
    await waitFor(() => { expect(t.item("movie.bin")?.state).toBe("done"); });
    expect(t.item("movie.bin")?.fileRecord?.size).toBe(5000);
  });

  it("pauses a file whose upload has only just started, and resumes it to done", async () => {
    const t = setup();
    act(() => {
      const [id = ""] = t.current().add([testFile("early.bin", 5000)]);
      t.current().pause(id); // the engine is still opening the session
    });
    await waitFor(() => { expect(t.item("early.bin")?.state).toBe("paused"); });
    act(() => { t.current().resumeAll(); });
    await waitFor(() => { expect(t.item("early.bin")?.state).toBe("done"); });
  });

  it("cancels: the item is canceled and the session aborted on the server", async () => {
    const t = setup();
    t.gate.close();
    act(() => { t.current().add([testFile("gone.bin", 5000)]); });
    await waitFor(() => { expect(t.item("gone.bin")?.uploadId).toBeDefined(); });
    const uploadId = t.item("gone.bin")?.uploadId ?? "";
    act(() => { screen.getByRole("button", { name: "Cancel gone.bin" }).click(); });
    await waitFor(() => { expect(t.item("gone.bin")?.state).toBe("canceled"); });
    await waitFor(async () => { expect((await t.user.trpc.upload.get.query({ uploadId })).status).toBe("aborted"); });
  });

  it("shows the server's refusal of a file over its route's limit, or of a type it does not take, and sends no byte", async () => {
    const t = setup();
    act(() => {
      t.current().add([testFile("huge.png", 20 * 1024 * 1024 + 1, "image/png"), testFile("notes.txt", 10, "text/plain")], { route: "image" });
    });
    await waitFor(() => { expect(t.states()).toEqual(["failed", "failed"]); });
    expect(t.item("huge.png")?.error?.code).toBe("SIZE_OVER_LIMIT");
    expect(t.item("huge.png")?.error?.message).toMatch(/^huge\.png is .*; route "image" takes files up to /);
    expect(t.item("notes.txt")?.error?.code).toBe("TYPE_NOT_ALLOWED");
    expect(screen.getAllByTestId("upload-error").map((node) => node.textContent)).toContain('type text/plain is not allowed on route "image"; allowed: image/*');
    expect(t.user.count("upload.create")).toBe(2);
    // Sending the same file again would be refused again: no Retry, only Remove.
    expect(screen.queryByRole("button", { name: "Retry notes.txt" })).toBeNull();
    expect(screen.getByRole("button", { name: "Remove notes.txt" })).toBeTruthy();
    expect(t.gate.state.puts).toBe(0);
  });

  it("shows the server's refusal of upload.create, and sends no byte", async () => {
    const t = setup();
    act(() => { t.current().add([testFile("secret.bin", 100)], { route: "admin" }); });
    await waitFor(() => { expect(t.item("secret.bin")?.state).toBe("failed"); });
    expect(t.item("secret.bin")?.error).toEqual({ code: "FORBIDDEN", message: 'route "admin" is not allowed for this account' });
    expect(screen.getByTestId("upload-error").textContent).toBe('route "admin" is not allowed for this account');
    expect(t.user.count("upload.create")).toBe(1);
    expect(t.gate.state.puts).toBe(0);
  });

  it("retries a failed upload, continuing its session without re-sending stored parts", async () => {
    const t = setup({}, { concurrency: 1 });
    t.gate.state.failPart = 3;
    act(() => { t.current().add([testFile("flaky.bin", 5000)]); });
    await waitFor(() => { expect(t.item("flaky.bin")?.state).toBe("failed"); });
    expect(t.item("flaky.bin")?.error?.code).toBe("PART_FAILED");
    const uploadId = t.item("flaky.bin")?.uploadId;
    act(() => { screen.getByRole("button", { name: "Retry flaky.bin" }).click(); });
    await waitFor(() => { expect(t.item("flaky.bin")?.state).toBe("done"); });
    expect(t.item("flaky.bin")?.uploadId).toBe(uploadId);
    expect(t.item("flaky.bin")?.progress.partsResumed).toBe(2);
    expect(t.user.count("upload.create")).toBe(1);
  });

  it("shows a thumbnail for images and forgets an item on remove", async () => {
    const t = setup();
    act(() => { t.current().add([testFile("cat.png", 1000, "image/png")]); });
    await waitFor(() => { expect(t.item("cat.png")?.state).toBe("done"); });
    expect(t.item("cat.png")?.thumbnailUrl).toMatch(/^blob:/);
    expect(screen.getByTestId("thumbnail").getAttribute("alt")).toBe("");
    act(() => { screen.getByRole("button", { name: "Remove cat.png" }).click(); });
    await waitFor(() => { expect(t.current().items).toHaveLength(0); });
  });
});
