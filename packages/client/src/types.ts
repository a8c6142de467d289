import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import type { ChecksumMode, FileRecord, UploadSessionSummary } from "@hoist/contract";
import type { ApiRetryOptions, ResumeStore, RetryOptions } from "./option-types";

export type { ApiRetryOptions, ResumeRecord, ResumeStore, RetryOptions } from "./option-types";

/** The typed API client the engine talks to (the only way it reaches the server). */
export type HoistTrpc = TRPCClient<AppRouter>;

/** `[start, end)` of a file on disk (Node): the transport reads it itself, into buffers it reuses. */
export interface FileRangeBody {
  readonly kind: "file-range";
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

/**
 * What a part's bytes look like to a transport: a factory or a file range, because a retry must send the same
 * bytes again. Node transports take a file range, a Readable or bytes; the browser transport takes a Blob.
 */
export type PartBody = Uint8Array | Blob | FileRangeBody | (() => NodeJS.ReadableStream);

/** `[start, end)` of a source. */
export interface ByteRange {
  start: number;
  end: number;
}

/** How {@link UploadSource.readWithCrc64} may read. */
export interface ReadWithCrc64Options {
  /** The part is larger than the engine's memory budget: do not hold its bytes, send them streaming. */
  streaming?: boolean;
}

/** Something to upload. Sources read part ranges on demand and never hold the whole file. */
export interface UploadSource {
  readonly name: string;
  readonly size: number;
  /** MIME type; `application/octet-stream` when unknown. */
  readonly type: string;
  readonly lastModified?: number;
  /** The bytes of `[start, end)`; called again for a retry. Sequential sources (streams) must be read in order. */
  part(start: number, end: number): Promise<PartBody>;
  /** SHA-256 (base64) of `[start, end)`, when checksums are on. */
  sha256(start: number, end: number): Promise<string>;
  /**
   * Reads `[start, end)` once: bytes to send and their CRC64NVME (base64), for checksum "crc64nvme" (the engine
   * sends exactly these bytes, kept until storage confirms the part). With `streaming` the part is over the
   * engine's memory budget: sum it by a streaming read and return a body read again when sent (a file range).
   * Without this method the engine calls `part()` and sums the bytes itself (streams).
   */
  readWithCrc64?(start: number, end: number, options?: ReadWithCrc64Options): Promise<{ body: PartBody; crc64nvme: string }>;
  /** SHA-256 (base64) of several back-to-back ranges in one read: where a read costs more than its bytes (Chromium's Blob reads). */
  sha256Parts?(ranges: readonly ByteRange[]): Promise<string[]>;
  /** First bytes (up to 64 KiB) for the resume fingerprint; undefined for sources that cannot re-read (streams). */
  head?(bytes: number): Promise<Uint8Array>;
  /** True when parts can be read in any order and more than once (files, blobs); false for streams. */
  readonly seekable: boolean;
  /** MD5 (hex) of `[start, end)`, to compare with a resumed part's plain ETag (Node files; WebCrypto has no MD5). */
  md5?(start: number, end: number): Promise<string>;
  /** The engine is done with `[start, end)` (storage confirmed it): sequential sources free its buffer. */
  release?(start: number, end: number): void;
  /** The upload settled: close file handles. A later `part()` call may reopen them. */
  close?(): Promise<void>;
  /** Where the source lives (a file path in Node), remembered in the resume record. */
  readonly path?: string;
}

/** Progress of one upload, at most ~10 events/s. */
export interface UploadProgress {
  totalBytes: number;
  /** Bytes handed to the network, including bytes of parts that were later retried. */
  bytesSent: number;
  /** Bytes in parts storage has acknowledged (2xx with an ETag). */
  bytesConfirmed: number;
  /** Bytes sent again because an attempt failed. */
  bytesRetried: number;
  /** Moving average, bytes per second. */
  rate: number;
  /** Seconds left at `rate`; undefined until a rate (or, for a stream, its size) is known. */
  eta: number | undefined;
  partsDone: number;
  partsTotal: number;
  /** Parts found already in storage when this upload resumed. */
  partsResumed: number;
  /** Streams of unknown length: set while `totalBytes`/`partsTotal` are still its maximum (show no percentage). */
  sizeUnknown?: true;
  /** Streams of unknown length: most part buffers held at once so far (memory is about this many parts). */
  buffersPeak?: number;
}

/** Options of one upload. */
export interface UploadOptions<TRoute extends string = string> {
  /** A route of the server's policies (default `"default"`); {@link Uploader}'s `TRoute` can narrow the names. */
  route?: TRoute;
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
  /** Checksum mode of this upload (default: the uploader's setting). */
  checksum?: ChecksumMode;
  /** Attach to this existing session (from {@link Uploader.findResumable}, e.g. started on another device). */
  resumeUploadId?: string;
}

/** One upload in flight. `done` settles with the recorded file, or rejects with an {@link UploadError}. */
export interface UploadHandle {
  /** Session id, once `upload.create` (or resume) has answered. */
  readonly uploadId: string | undefined;
  readonly done: Promise<FileRecord>;
  /** Stops starting new parts and aborts parts in flight; the session stays resumable. */
  pause(): void;
  resume(): void;
  /** Aborts the upload on the server (parts freed) and rejects `done` with code `CANCELLED`; once `upload.complete` was sent it is too late: the file is recorded and `done` resolves. */
  cancel(): Promise<void>;
  progress(): UploadProgress;
}

/** Sends one part. Implementations: XHR (browsers), undici (Node). */
export interface Transport {
  put(request: PartRequest): Promise<PartResponse>;
}

/** One presigned PUT. */
export interface PartRequest {
  url: string;
  headers: Record<string, string>;
  body: PartBody;
  size: number;
  signal: AbortSignal;
  /** Called with the bytes of this attempt sent so far (monotonic within the attempt). */
  onSent?: (bytes: number) => void;
  timeoutMs: number;
}

/** What storage answered; non-2xx is not thrown, the engine decides. `errorBody`: S3's XML error, to tell an expired URL from other 403s. */
export interface PartResponse {
  status: number;
  etag: string | undefined;
  errorBody?: string;
}

/** Options of {@link createUploader}. */
export interface UploaderOptions {
  trpc: HoistTrpc;
  /** Most parts in flight across ALL uploads of this uploader (default 4 in browsers, 8 in Node). */
  concurrency?: number;
  /**
   * Moves the parts in flight between a floor (default 2) and `concurrency` from measured throughput, and cuts
   * them uploader-wide when storage throttles (default true; see adaptive-limit.ts). `false`: always `concurrency`.
   */
  adaptive?: boolean | { floor?: number };
  /** Parts signed per `upload.signParts` call, ahead of need (default 100). */
  signWindow?: number;
  retry?: RetryOptions;
  /** Retries of API calls (create, sign, complete...); part PUTs follow `retry`. */
  apiRetry?: ApiRetryOptions;
  resumeStore?: ResumeStore;
  transport?: Transport;
  /**
   * `"crc64nvme"` (default): every part's CRC64NVME signed into its URL and the whole file's value checked at
   * complete, from one read of each part; `"sha256"`: per-part SHA-256 (parts read twice); `"none"`.
   */
  checksum?: ChecksumMode;
  /**
   * crc64nvme: the largest part (bytes) read into memory once and sent from there (default 64 MiB, i.e. files up
   * to ~640 GB); bigger parts are summed by a streaming read and then sent streaming (read twice).
   */
  partMemoryBudget?: number;
}

/**
 * What {@link createUploader} returns: one shared concurrency budget for every upload it starts. Routes are
 * server config, so the API types them as strings; an app that knows its routes passes them as `TRoute`
 * (`createNodeUploader<"avatars" | "videos">(...)`) and a misspelt route fails to compile.
 */
export interface Uploader<TRoute extends string = string> {
  /** Parts allowed in flight now (moves when `adaptive`; `concurrency` otherwise). */
  readonly concurrency: number;
  /** Starts (or resumes, when the resume store knows the source) an upload. */
  upload(source: UploadSource, options?: UploadOptions<TRoute>): UploadHandle;
  /** Unfinished sessions of this user with the source's name, size and type (any device), newest first. */
  findResumable(source: UploadSource): Promise<UploadSessionSummary[]>;
}

/** Stable failure codes of the engine (the server's `hoistCode` when the API refused). */
export type UploadErrorCode = "CANCELLED" | "PART_FAILED" | "SOURCE_CHANGED" | "API_ERROR" | (string & {});
