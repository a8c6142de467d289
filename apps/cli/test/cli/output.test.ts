import { describe, expect, it } from "vitest";
import type { FileRecord } from "@hoist/contract";
import type { UploadProgress } from "../../src/engine";
import { formatBytes, formatDate, formatEta, formatPercent, formatRate } from "../../src/output/format";
import { jsonReporter } from "../../src/output/json-events";
import { barReporter } from "../../src/output/progress-bars";
import { lineReporter } from "../../src/output/progress-lines";
import { createTable } from "../../src/output/table";
import { Capture, jsonLines } from "./capture";

const file = { file: "/tmp/a.bin", name: "a.bin", size: 10 * 1024 * 1024 };
const progress = (bytes: number, extra: Partial<UploadProgress> = {}): UploadProgress => ({
  totalBytes: file.size,
  bytesSent: bytes,
  bytesConfirmed: bytes,
  bytesRetried: 0,
  rate: 2 * 1024 * 1024,
  eta: (file.size - bytes) / (2 * 1024 * 1024),
  partsDone: Math.floor(bytes / (1024 * 1024)),
  partsTotal: 10,
  partsResumed: 0,
  ...extra,
});
const record = {
  id: "f1",
  name: "a.bin",
  size: file.size,
  type: "application/octet-stream",
  route: "default",
  key: "default/u/2025/01/f1",
  etag: '"abc-10"',
  createdAt: "2025-01-31T12:00:00.000Z",
  completedAt: "2025-01-31T12:00:05.123Z",
} satisfies FileRecord;

describe("format", () => {
  it("renders sizes, rates, ETAs, dates and percents for people", () => {
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatRate(3 * 1024 * 1024)).toBe("3 MiB/s");
    expect(formatRate(0)).toBe("-");
    expect([formatEta(undefined), formatEta(42.2), formatEta(185), formatEta(3720)]).toEqual(["-", "43s", "3m05s", "1h02m"]);
    expect(formatDate("2025-01-31T12:00:05.123Z")).toBe("2025-01-31 12:00:05");
    expect([formatPercent(999, 1000), formatPercent(1000, 1000), formatPercent(0, 0)]).toEqual(["99%", "100%", "0%"]);
  });
});

describe("table", () => {
  it("aligns columns from the first batch, prints the header once and never pads the last column", () => {
    const out = new Capture();
    const table = createTable(out, [{ header: "ID", maxWidth: 4 }, { header: "SIZE", align: "right" }, { header: "NAME" }]);
    table.print([["abcdefgh", "1 KiB", "x y.txt"]]);
    table.print([["b", "12 MiB", "z"]]);
    expect(out.text()).toBe("ID     SIZE  NAME\nabc…  1 KiB  x y.txt\nb     12 MiB  z\n");
  });
});

describe("reporters", () => {
  it("--json: one JSON object per line with start, progress, done", () => {
    const out = new Capture();
    const r = jsonReporter(out);
    r.start(file, "u1");
    r.progress(file, "u1", progress(1024 * 1024, { partsResumed: 2 }));
    r.done(file, "u1", record, progress(file.size, { partsResumed: 2 }));
    r.stop();
    const events = jsonLines(out.text());
    expect(events.map((e) => e.event)).toEqual(["start", "progress", "done"]);
    expect(events[1]).toMatchObject({ file: file.file, uploadId: "u1", bytesConfirmed: 1024 * 1024, partsResumed: 2 });
    expect(events[2]).toMatchObject({ fileId: "f1", partsResumed: 2, record: { id: "f1" } });
  });

  it("not a TTY: a line per file at each interval only when it moved, failures on stderr", async () => {
    const out = new Capture();
    const err = new Capture();
    const r = lineReporter(out, err, 20);
    r.start(file, "u1");
    r.progress(file, "u1", progress(5 * 1024 * 1024));
    await new Promise((resolve) => setTimeout(resolve, 70));
    r.error({ ...file, file: "/tmp/b", name: "b" }, undefined, { message: "refused", code: "TYPE_NOT_ALLOWED", exitCode: 1 });
    r.done(file, "u1", record, progress(file.size));
    r.stop();
    const lines = out.text().trim().split("\n");
    expect(lines[0]).toBe("a.bin: uploading 10 MiB");
    expect(lines.filter((l) => l.includes("50% 5 MiB/10 MiB 2 MiB/s ETA 3s"))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^a\.bin: done in \d+\.\ds, id f1$/);
    expect(err.text()).toBe("b: failed: refused (TYPE_NOT_ALLOWED)\n");
  });

  it("a TTY: cli-progress bars with rate and ETA, then `name -> id`", async () => {
    const out = new Capture();
    out.isTTY = true;
    out.columns = 120;
    const err = new Capture();
    const r = barReporter(out, err);
    r.start(file, "u1");
    r.progress(file, "u1", progress(5 * 1024 * 1024));
    await new Promise((resolve) => setTimeout(resolve, 250)); // bars redraw at 10 fps
    r.done(file, "u1", record, progress(file.size, { partsResumed: 3 }));
    r.stop();
    const text = out.text();
    expect(text).toContain("a.bin");
    expect(text).toMatch(/100% 10 MiB\/10 MiB 2 MiB\/s done/);
    expect(text).toMatch(/50% 5 MiB\/10 MiB 2 MiB\/s ETA 3s/);
    expect(text).toContain("a.bin -> f1 (resumed: 3 of 10 parts already uploaded)\n");
  });
});
