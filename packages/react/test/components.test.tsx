import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { fromBlob } from "@hoist/client/browser";
import { Dropzone, FileList, RouteChooser, UnfinishedUploads, UploadQueue } from "../src";
import type { Uploads } from "../src";
import { gatedTransport, HoistProvider, QueueProbe, testEngine, testFile, testUser } from "./support";

/** A provider for a fresh user on the real API, with its engine behind a gate. */
function provider() {
  const user = testUser("components");
  const gate = gatedTransport();
  const uploader = testEngine(user.trpc, gate.transport);
  const wrap = (children: React.ReactNode) => (
    <HoistProvider trpcClient={user.trpc} uploader={uploader}>
      {children}
    </HoistProvider>
  );
  return { user, gate, uploader, wrap };
}

describe("<Dropzone>", () => {
  it("takes files from the picker, a drop and a paste; its button is the keyboard path", () => {
    const onFiles = vi.fn();
    render(<Dropzone onFiles={onFiles} />);
    const zone = screen.getByRole("region", { name: "Drop files here" });
    const button = within(zone).getByRole("button", { name: "Choose files" });
    button.focus();
    expect(document.activeElement).toBe(button);
    const input = screen.getByLabelText<HTMLInputElement>("Choose files");
    expect(input.type).toBe("file");
    expect(input.multiple).toBe(true);
    expect(input.tabIndex).toBe(-1); // one tab stop: the button
    const picked = testFile("picked.txt", 3, "text/plain");
    fireEvent.change(input, { target: { files: [picked] } });
    const dropped = testFile("dropped.txt", 3, "text/plain");
    fireEvent.drop(zone, { dataTransfer: { files: [dropped] } });
    const pasted = testFile("pasted.png", 3, "image/png");
    fireEvent.paste(zone, { clipboardData: { files: [pasted] } });
    expect(onFiles.mock.calls).toEqual([[[picked]], [[dropped]], [[pasted]]]);
  });

  it("feeds the queue: a picked file is uploaded", async () => {
    const t = provider();
    let queue: Uploads | undefined;
    render(t.wrap(
      <QueueProbe onQueue={(q) => { queue = q; }}>
        {(q) => <><Dropzone onFiles={(files) => { q.add(files); }} /><UploadQueue queue={q} /></>}
      </QueueProbe>,
    ));
    fireEvent.change(screen.getByLabelText("Choose files"), { target: { files: [testFile("picked.bin", 2000)] } });
    const row = await screen.findByRole("listitem");
    expect(row.dataset.name).toBe("picked.bin");
    await waitFor(() => { expect(queue?.items[0]?.state).toBe("done"); });
    expect(within(row).getByText("100%")).toBeTruthy();
  });
});

describe("<UploadQueue>", () => {
  it("renders only a window of rows for 1,000 files, and starts only maxActive of them", async () => {
    const t = provider();
    t.gate.close();
    let queue: Uploads | undefined;
    render(t.wrap(<QueueProbe maxActive={3} onQueue={(q) => { queue = q; }}>{(q) => <UploadQueue queue={q} />}</QueueProbe>));
    const files = Array.from({ length: 1000 }, (_, i) => testFile(`bulk-${String(i)}.bin`, 10));
    act(() => { queue?.add(files); });
    await screen.findByText("0 of 1,000 uploaded");
    const list = screen.getByRole("list", { name: "Upload queue" });
    const rows = within(list).getAllByRole("listitem");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(30);
    expect(rows[0]?.getAttribute("aria-setsize")).toBe("1000");
    await waitFor(() => { expect(t.gate.state.waiting).toBe(3); });
    expect(t.user.count("upload.create")).toBe(3);
    act(() => { screen.getByRole("button", { name: "Cancel all" }).click(); });
    await waitFor(() => { expect(queue?.items.every((item) => item.state === "canceled")).toBe(true); });
    expect(t.user.count("upload.create")).toBe(3);
  });
});

describe("<FileList>", () => {
  it("pages with Load more, downloads and deletes", async () => {
    const t = provider();
    for (const name of ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]) await t.uploader.upload(fromBlob(testFile(name, 5, "text/plain"))).done;
    const downloads: string[] = [];
    render(t.wrap(<FileList limit={2} onDownload={(url) => downloads.push(url)} />));
    expect(await screen.findByRole("table", { name: "Your files" })).toBeTruthy();
    await waitFor(() => { expect(screen.getAllByTestId("file-row")).toHaveLength(2); });
    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => { expect(screen.getAllByTestId("file-row")).toHaveLength(4); });
    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => { expect(screen.getAllByTestId("file-row")).toHaveLength(5); });
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
    expect(screen.getAllByTestId("file-row").map((row) => row.dataset.name).sort()).toEqual(["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]);
    fireEvent.click(screen.getByRole("button", { name: "Download c.txt" }));
    await waitFor(() => { expect(downloads).toHaveLength(1); });
    expect(new URL(downloads[0] ?? "").searchParams.get("response-content-disposition")).toMatch(/^attachment/);
    fireEvent.click(screen.getByRole("button", { name: "Delete c.txt" }));
    await waitFor(() => { expect(screen.queryByRole("button", { name: "Delete c.txt" })).toBeNull(); });
    expect((await t.user.trpc.files.list.query({})).items.map((file) => file.name)).not.toContain("c.txt");
  });

  it("shows each file's integrity in words, with the value in its title", async () => {
    const t = provider();
    await t.uploader.upload(fromBlob(testFile("plain.bin", 5)), { checksum: "none" }).done;
    const summed = await t.uploader.upload(fromBlob(testFile("summed.bin", 5)), { checksum: "crc64nvme" }).done;
    render(t.wrap(<FileList />));
    await waitFor(() => { expect(screen.getAllByTestId("file-row")).toHaveLength(2); });
    const plain = within(screen.getByRole("row", { name: /plain\.bin/ }));
    expect(plain.getByRole("cell", { name: "No checksum" }).title).toBe("Uploaded without a checksum");
    const verified = within(screen.getByRole("row", { name: /summed\.bin/ })).getByRole("cell", { name: "CRC64NVME verified by storage" });
    expect(summed.checksum).toMatch(/^crc64nvme:/);
    expect(verified.title).toContain(summed.checksum?.slice("crc64nvme:".length));
  });

  it("says so when there are no files", async () => {
    const t = provider();
    render(t.wrap(<FileList />));
    expect(await screen.findByText("No files yet")).toBeTruthy();
  });
});

describe("<RouteChooser>", () => {
  it("lists the routes with their limits and spells out the chosen one", async () => {
    const t = provider();
    render(t.wrap(<RouteChooser value="image" onChange={() => undefined} />));
    const select = screen.getByRole("combobox", { name: "Upload route" });
    expect(await within(select).findByRole("option", { name: "image — up to 20 MiB · image/*" })).toBeTruthy();
    expect(within(select).getByRole("option", { name: "default — up to 5 TiB · any type" })).toBeTruthy();
    expect(within(select).queryByRole("option", { name: /admin/ })).toBeNull();
    expect(screen.getByText("Files up to 20 MiB · image/*")).toBeTruthy();
  });
});

describe("<UnfinishedUploads>", () => {
  it("continues a session with the same file, and discards another", async () => {
    const t = provider();
    const keep = testFile("keep.bin", 5000);
    const created = await t.user.trpc.upload.create.mutate({ name: "keep.bin", size: 5000, type: "application/octet-stream" });
    const other = await t.user.trpc.upload.create.mutate({ name: "drop.bin", size: 10, type: "application/octet-stream" });
    let queue: Uploads | undefined;
    render(t.wrap(<QueueProbe onQueue={(q) => { queue = q; }}>{(q) => <UnfinishedUploads queue={q} />}</QueueProbe>));
    expect(await screen.findByRole("heading", { name: "Unfinished uploads" })).toBeTruthy();
    const items = await screen.findAllByTestId("unfinished-item");
    expect(items.map((item) => item.dataset.name).sort()).toEqual(["drop.bin", "keep.bin"]);
    expect(screen.getAllByText("Choose the same file again to continue")).toHaveLength(2);
    fireEvent.click(screen.getByRole("button", { name: "Discard drop.bin" }));
    await waitFor(() => { expect(screen.queryByRole("button", { name: "Discard drop.bin" })).toBeNull(); });
    expect((await t.user.trpc.upload.get.query({ uploadId: other.uploadId })).status).toBe("aborted");
    fireEvent.click(screen.getByRole("button", { name: "Resume keep.bin" }));
    fireEvent.change(screen.getByLabelText("Choose the file to resume"), { target: { files: [keep] } });
    await waitFor(() => { expect(queue?.items[0]?.state).toBe("done"); });
    expect(queue?.items[0]?.uploadId).toBe(created.uploadId);
    await waitFor(() => { expect(screen.queryByTestId("unfinished-item")).toBeNull(); });
  });
});
