import type { ChecksumMode, FileRecord } from "@hoist/contract";
import type { UploadProgress } from "@hoist/client";

/** Where the page's engine reaches the API: its URL and a bearer token (a user of the test stack). */
export interface ApiAccess {
  apiUrl: string;
  token: string;
}

/** A file made in the page from a seed: the same spec gives the same bytes, name and lastModified after a reload. */
export interface FileSpec {
  name: string;
  size: number;
  seed: number;
  type?: string;
  lastModified?: number;
}

/** Options of an upload driven from the test. */
export interface PageUploadOptions {
  checksum?: ChecksumMode;
  concurrency?: number;
  /** `idb`: the browser default (IndexedDB `hoist`); `none`: no resume store. */
  store?: "idb" | "none";
  /** Replace the bytes of this part (same size) before they go out, to make storage refuse them. */
  corruptPart?: number;
}

/** An engine failure as plain data (page.evaluate would keep only the message of a thrown error). */
export interface PageFailure {
  ok: false;
  name: string;
  code: string | undefined;
  message: string;
  uploadId: string | undefined;
}

/** What an upload in the page ended with. */
export type PageUploadResult =
  | {
      ok: true; file: FileRecord; uploadId: string | undefined; sha256: string; events: UploadProgress[]; final: UploadProgress;
      /** Blob.slice() calls made on the page's main thread during the upload (each one a blocking browser round trip). */
      mainThreadSlices: number;
    }
  | (PageFailure & { final: UploadProgress });

/** One presigned PUT sent straight through `xhrTransport()` from the page. */
export interface PagePut {
  url: string;
  headers: Record<string, string>;
  spec: FileSpec;
  timeoutMs: number;
  /** Abort the request's signal at its first upload progress event (the request is then in flight). */
  abortOnFirstProgress?: boolean;
}

/** What a transport PUT ended with, and every `onSent` value it reported. */
export type PagePutResult = { sent: number[] } & (
  | { ok: true; status: number; etag: string | undefined }
  | { ok: false; message: string; isAbortReason: boolean }
);

/** Resume record fields a test stores in IndexedDB. */
export interface StoredRecord {
  fingerprint: string;
  uploadId: string;
}

/** What {@link HoistPage.fingerprintReads} saw. */
export interface FingerprintReads {
  size: number;
  reads: [number, number][];
  fingerprint: string | undefined;
  sameHeadOtherTail: string | undefined;
  otherHead: string | undefined;
}

/** One `readWithCrc64` as the page saw it: the CRC it gave, and the length and SHA-256 (hex) of its bytes. */
export interface PageCrc64Read {
  crc64nvme: string;
  length: number;
  sha256: string;
}

/** Helpers the bundled page exposes on `window.hoistPage`; tests call them with `page.evaluate`. */
export interface HoistPage {
  sha256(spec: FileSpec): Promise<string>;
  upload(access: ApiAccess, spec: FileSpec, options?: PageUploadOptions): Promise<PageUploadResult>;
  /** Starts an upload (IndexedDB store) whose parts after the first `parts` acknowledged ones never settle. */
  uploadThenHang(access: ApiAccess, spec: FileSpec, parts: number): Promise<{ uploadId: string | undefined }>;
  put(request: PagePut): Promise<PagePutResult>;
  idbSet(dbName: string, records: StoredRecord[]): Promise<void>;
  idbList(dbName: string): Promise<StoredRecord[]>;
  idbGet(dbName: string, fingerprint: string): Promise<StoredRecord | undefined>;
  idbDelete(dbName: string, fingerprint: string): Promise<void>;
  /** `fromBlob` on a File and on a bare Blob: what the engine would send as name, type and lastModified. */
  fromBlobFacts(): { file: { name: string; size: number; type: string; lastModified: number | undefined }; blob: { name: string; type: string }; nameless: string };
  fingerprintReads(size: number): Promise<FingerprintReads>;
  /** `fromBlob(file).readWithCrc64` of each range, and how many Blob reads ran on the page's main thread. */
  crc64Reads(spec: FileSpec, ranges: [number, number][], streaming?: boolean): Promise<{ reads: PageCrc64Read[]; mainThreadReads: number }>;
}

declare global {
  interface Window {
    hoistPage?: HoistPage;
  }
}
