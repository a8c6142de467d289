import type { FileRecord } from "@hoist/contract";
import type { Explained } from "../explain-error";
import type { UploadProgress } from "../engine";

/** One file of an upload run, as the person named it. */
export interface FileInfo {
  /** The path as given on the command line (or found in a resume record). */
  file: string;
  name: string;
  /** 0 for stdin, whose size is only known once it ends. */
  size: number;
  /** Stdin only: the most it may hold. */
  maxSize?: number;
}

/**
 * How an upload run shows itself: bars on a terminal, periodic lines on a pipe, JSON lines with `--json`.
 * Calls arrive in order per file: `start`, any `progress`, then one of `done`, `error` or `paused`.
 */
export interface Reporter {
  start(file: FileInfo, uploadId: string | undefined): void;
  progress(file: FileInfo, uploadId: string | undefined, progress: UploadProgress): void;
  done(file: FileInfo, uploadId: string | undefined, record: FileRecord, progress: UploadProgress | undefined): void;
  error(file: FileInfo, uploadId: string | undefined, error: Explained): void;
  paused(file: FileInfo, uploadId: string | undefined, progress: UploadProgress | undefined): void;
  /** Stops rendering (bars, timers) and prints any summary; called once, last. */
  stop(): void;
}
