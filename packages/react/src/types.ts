import type { FileRecord } from "@hoist/contract";

/** Where an item of the upload queue stands. */
export type UploadItemState = "queued" | "uploading" | "paused" | "done" | "failed" | "canceled";

/** Progress of one queue item; `percent` is 0..100 and reaches 100 only when the file is recorded. */
export interface UploadItemProgress {
  bytesConfirmed: number;
  bytesSent: number;
  totalBytes: number;
  percent: number;
  /** Bytes per second (moving average); 0 until known. */
  rate: number;
  /** Seconds left; undefined until a rate is known. */
  eta: number | undefined;
  partsDone: number;
  partsTotal: number;
  /** Parts found already in storage when the upload resumed (not sent again). */
  partsResumed: number;
}

/** One file in the queue, as the snapshot of {@link useUploader} shows it (immutable; replaced when it changes). */
export interface UploadItem {
  id: string;
  file: File;
  name: string;
  size: number;
  type: string;
  route: string;
  state: UploadItemState;
  progress: UploadItemProgress;
  /** Why it failed: the server's `hoistCode` and message when the API refused, else the engine's. */
  error?: { code: string; message: string };
  /** The upload session, once the server opened one. */
  uploadId?: string;
  /** The stored file, once done. */
  fileRecord?: FileRecord;
  /** An object URL of the image itself (image/* only), revoked when the item is removed or the queue unmounts. */
  thumbnailUrl?: string;
}

/** Options of one `add` call; `TRoute` is the route names `useUploader<TRoute>` was given. */
export interface AddOptions<TRoute extends string = string> {
  /** Route for these files (default: the hook's `route`, else `"default"`). */
  route?: TRoute;
  /** Continue this existing session (from `useUnfinishedUploads`) instead of starting one. */
  resumeUploadId?: string;
}

/** A route with its limits, as `upload.routes` lists it. */
export interface RouteLimits {
  name: string;
  maxSize: number;
  types: string[];
}
