import type { FileRecord } from "@hoist/contract";
import type { Explained } from "../explain-error";
import type { OutputStream } from "../io";
import type { UploadProgress } from "../engine";
import type { FileInfo, Reporter } from "./reporter";

/** Every `--json` event names its file and upload; the rest depends on `event`. */
export type JsonEvent =
  | ({ event: "start"; size: number | null; maxSize?: number } & Base)
  | ({ event: "progress" } & Base & UploadProgress)
  | ({ event: "done"; fileId: string; record: FileRecord; partsResumed: number } & Base)
  | ({ event: "error"; code: string | null; message: string } & Base)
  | ({ event: "paused"; bytesConfirmed: number; totalBytes: number } & Base);

interface Base {
  file: string;
  name: string;
  uploadId: string | null;
}

const base = (file: FileInfo, uploadId: string | undefined): Base => ({
  file: file.file,
  name: file.name,
  uploadId: uploadId ?? null,
});

/**
 * `--json`: one JSON object per line on stdout and nothing else there, so `jq` and other services can follow an
 * upload. `uploadId` is `null` until the server has answered `upload.create`.
 */
export function jsonReporter(out: OutputStream): Reporter {
  const emit = (event: JsonEvent) => out.write(`${JSON.stringify(event)}\n`);
  return {
    // Stdin's size is unknown at start: null, with the most it may hold.
    start: (file, uploadId) =>
      emit({ event: "start", ...base(file, uploadId), ...(file.maxSize === undefined ? { size: file.size } : { size: null, maxSize: file.maxSize }) }),
    progress: (file, uploadId, p) => emit({ event: "progress", ...base(file, uploadId), ...p }),
    done: (file, uploadId, record, p) =>
      emit({ event: "done", ...base(file, uploadId), fileId: record.id, record, partsResumed: p?.partsResumed ?? 0 }),
    error: (file, uploadId, e: Explained) =>
      emit({ event: "error", ...base(file, uploadId), code: e.code ?? null, message: e.message }),
    paused: (file, uploadId, p) =>
      emit({ event: "paused", ...base(file, uploadId), bytesConfirmed: p?.bytesConfirmed ?? 0, totalBytes: p?.totalBytes ?? file.size }),
    stop: () => undefined,
  };
}
