import type { UploadHandle, UploadProgress } from "@hoist/client";
import type { FileRecord } from "@hoist/contract";
import type { UploadItem, UploadItemProgress, UploadItemState } from "../types";
import { uploadType } from "./route-limits";

/** The queue's mutable record of one file; {@link itemOf} turns it into the immutable item React sees. */
export interface Entry {
  readonly id: string;
  readonly file: File;
  readonly route: string;
  state: UploadItemState;
  progress: UploadItemProgress;
  error: { code: string; message: string } | undefined;
  uploadId: string | undefined;
  /** A session to attach to on the next start (chosen by the caller, or left by a failed attempt). */
  resumeUploadId: string | undefined;
  fileRecord: FileRecord | undefined;
  thumbnailUrl: string | undefined;
  /** The engine's upload, while one exists (also while paused). */
  handle: UploadHandle | undefined;
  /** Bumped per start, so results of an earlier attempt (after retry) are ignored. */
  attempt: number;
  /** The item as last published; undefined when the entry changed since. */
  item: UploadItem | undefined;
}

/** Progress before anything happened. */
export function emptyProgress(totalBytes: number): UploadItemProgress {
  return { bytesConfirmed: 0, bytesSent: 0, totalBytes, percent: 0, rate: 0, eta: undefined, partsDone: 0, partsTotal: 0, partsResumed: 0 };
}

/**
 * The engine's progress as the queue shows it. Percent counts bytes on the wire (smooth) minus bytes sent again
 * after a failed attempt, and stops at 99 until the server has recorded the file.
 */
export function progressOf(p: UploadProgress, done: boolean): UploadItemProgress {
  const moved = Math.min(p.totalBytes, Math.max(p.bytesConfirmed, p.bytesSent - p.bytesRetried));
  const raw = p.totalBytes === 0 ? 0 : Math.floor((moved * 100) / p.totalBytes);
  return {
    bytesConfirmed: p.bytesConfirmed,
    bytesSent: p.bytesSent,
    totalBytes: p.totalBytes,
    percent: done ? 100 : Math.min(99, raw),
    rate: p.rate,
    eta: done ? 0 : p.eta,
    partsDone: p.partsDone,
    partsTotal: p.partsTotal,
    partsResumed: p.partsResumed,
  };
}

/** A new entry for `file`, queued. */
export function newEntry(id: string, file: File, route: string, resumeUploadId: string | undefined): Entry {
  return {
    id, file, route, state: "queued", progress: emptyProgress(file.size), error: undefined, uploadId: undefined,
    resumeUploadId, fileRecord: undefined, thumbnailUrl: undefined, handle: undefined, attempt: 0, item: undefined,
  };
}

/** The immutable item of an entry; the same object until the entry changes (rows can skip re-rendering). */
export function itemOf(entry: Entry): UploadItem {
  if (entry.item) return entry.item;
  const { file } = entry;
  const item: UploadItem = {
    id: entry.id, file, name: file.name, size: file.size, type: uploadType(file), route: entry.route,
    state: entry.state, progress: entry.progress,
    ...(entry.error && { error: entry.error }),
    ...(entry.uploadId !== undefined && { uploadId: entry.uploadId }),
    ...(entry.fileRecord && { fileRecord: entry.fileRecord }),
    ...(entry.thumbnailUrl !== undefined && { thumbnailUrl: entry.thumbnailUrl }),
  };
  entry.item = item;
  return item;
}

/** States in which an entry holds or waits for a slot. */
export function isLive(state: UploadItemState): boolean {
  return state === "queued" || state === "uploading" || state === "paused";
}
