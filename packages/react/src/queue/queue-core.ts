import type { Uploader, UploadSource } from "@hoist/client";
import type { FileRecord } from "@hoist/contract";
import type { UploadItem } from "../types";
import { itemOf, progressOf } from "./entry";
import type { Entry } from "./entry";
import { SnapshotPublisher } from "./snapshot";
import { startEntry } from "./start-entry";
import type { EntryEvents } from "./start-entry";

/** Uploads started at once by default; the rest wait `queued` (1,000 files never mean 1,000 creates). */
export const DEFAULT_MAX_ACTIVE = 3;

/** Options of {@link UploadQueueStore}. */
export interface UploadQueueOptions {
  /** The engine; every file of the queue shares its concurrency budget. */
  uploader: Uploader;
  maxActive?: number;
  /** Route for files added without one (default `"default"`). */
  route?: string;
  onFileDone?: (file: FileRecord, item: UploadItem) => void;
  /** Turns a File into an upload source (default `fromBlob`). */
  toSource?: (file: File) => UploadSource;
}

/** What the queue publishes: the items in order, and the latest polite announcement. */
export interface QueueSnapshot {
  items: readonly UploadItem[];
  announcement: string;
}


/**
 * The queue's engine room: entries, starting them within `maxActive`, engine events, and throttled snapshots.
 * {@link UploadQueueStore} adds the operations people ask for.
 */
export class QueueCore {
  protected readonly entries = new Map<string, Entry>();
  protected messages: string[] = [];
  protected holding = false;
  private announcement = "";
  private readonly publisher = new SnapshotPublisher<QueueSnapshot>({ items: [], announcement: "" }, () => this.build());
  readonly subscribe = this.publisher.subscribe;
  readonly getSnapshot = this.publisher.getSnapshot;

  constructor(protected options: UploadQueueOptions) {}

  /** Starts (or resumes) queued entries, oldest first, while fewer than `maxActive` are uploading. */
  protected pump(): void {
    if (this.holding) return;
    const max = Math.max(1, this.options.maxActive ?? DEFAULT_MAX_ACTIVE);
    let active = 0;
    for (const entry of this.entries.values()) if (entry.state === "uploading") active += 1;
    for (const entry of this.entries.values()) {
      if (active >= max) break;
      if (entry.state !== "queued") continue;
      this.start(entry);
      active += 1;
    }
  }

  private start(entry: Entry): void {
    if (entry.handle) entry.handle.resume();
    else startEntry(entry, this.options.uploader, this.isCurrent, this.events, this.options.toSource);
    this.set(entry, { state: "uploading" });
  }

  private readonly isCurrent = (entry: Entry, attempt: number): boolean => entry.attempt === attempt && this.entries.get(entry.id) === entry;

  private readonly events: EntryEvents = {
    progress: (entry, progress, uploadId) => {
      if (entry.state !== "done") this.set(entry, { progress: progressOf(progress, false), uploadId: uploadId ?? entry.uploadId });
    },
    done: (entry, file, last) => {
      entry.handle = undefined;
      const progress = progressOf({ ...last, totalBytes: file.size, bytesConfirmed: file.size }, true);
      this.set(entry, { state: "done", fileRecord: file, progress });
      this.messages.push(`${file.name} uploaded`);
      this.options.onFileDone?.(file, itemOf(entry));
      this.pump();
    },
    failed: (entry, error, uploadId) => {
      entry.handle = undefined;
      if (entry.state === "canceled") return;
      // CANCELLED that the queue did not ask for: the engine was stopped from outside (its signal).
      if (error.code === "CANCELLED") this.set(entry, { state: "canceled", uploadId });
      else this.fail(entry, error, uploadId);
      this.pump();
    },
  };

  protected fail(entry: Entry, error: { code: string; message: string }, uploadId?: string): void {
    this.set(entry, { state: "failed", error, ...(uploadId !== undefined && { uploadId }) });
    this.messages.push(`${entry.file.name} failed: ${error.message}`);
  }

  protected set(entry: Entry, patch: Partial<Entry>): void {
    Object.assign(entry, patch);
    entry.item = undefined;
    this.changed();
  }

  protected changed(): void {
    this.publisher.changed();
  }

  private build(): QueueSnapshot {
    if (this.messages.length > 0) this.announcement = this.messages.join(". ");
    this.messages = [];
    return { items: Array.from(this.entries.values(), itemOf), announcement: this.announcement };
  }
  /** Stops publishing (the host went away). */
  protected stopPublishing(): void {
    this.publisher.stop();
  }
}
