import { isUploadError } from "@hoist/client";
import type { Uploader, UploadProgress, UploadSource } from "@hoist/client";
import { fromBlob } from "@hoist/client/browser";
import type { FileRecord } from "@hoist/contract";
import type { Entry } from "./entry";

/** What the queue hears from one engine upload; only the entry's current attempt is reported. */
export interface EntryEvents {
  progress(entry: Entry, progress: UploadProgress, uploadId: string | undefined): void;
  done(entry: Entry, file: FileRecord, last: UploadProgress): void;
  failed(entry: Entry, error: { code: string; message: string }, uploadId: string | undefined): void;
}

/** The engine's error as the queue shows it: its stable code and the message a person can act on. */
export function errorOf(error: unknown): { code: string; message: string } {
  // By shape (isUploadError), so an engine from another copy of @hoist/client is understood too.
  const code = isUploadError(error) ? error.code : "FAILED";
  return { code, message: error instanceof Error ? error.message : String(error) };
}

/** Starts a fresh engine upload for `entry` (attaching to `entry.resumeUploadId` when set). */
export function startEntry(entry: Entry, uploader: Uploader, isCurrent: (entry: Entry, attempt: number) => boolean, on: EntryEvents, toSource: (file: File) => UploadSource = fromBlob): void {
  const attempt = ++entry.attempt;
  const current = () => isCurrent(entry, attempt);
  const handle = uploader.upload(toSource(entry.file), {
    route: entry.route,
    ...(entry.resumeUploadId !== undefined && { resumeUploadId: entry.resumeUploadId }),
    onProgress: (progress) => {
      if (current()) on.progress(entry, progress, handle.uploadId);
    },
  });
  entry.handle = handle;
  handle.done.then(
    (file) => {
      if (current()) on.done(entry, file, handle.progress());
    },
    (error: unknown) => {
      if (current()) on.failed(entry, errorOf(error), handle.uploadId);
    },
  );
}
