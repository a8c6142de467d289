import type { AddOptions } from "../types";
import { emptyProgress, isLive, newEntry } from "./entry";
import type { Entry } from "./entry";
import { QueueCore } from "./queue-core";
import type { UploadQueueOptions } from "./queue-core";
import { revokeThumbnail, thumbnailFor } from "./thumbnails";

export { DEFAULT_MAX_ACTIVE, type QueueSnapshot, type UploadQueueOptions } from "./queue-core";

/**
 * The upload queue as an external store (`useSyncExternalStore`): per-file state on top of the engine, at most
 * `maxActive` uploads started at once, snapshots published at most ~10 times a second.
 */
export class UploadQueueStore extends QueueCore {
  private seq = 0;

  /** Replaces options that may change between renders (route, callbacks, maxActive). */
  configure(options: UploadQueueOptions): void {
    this.options = options;
    this.pump();
  }

  /** Queues files (in order) and returns their item ids; they start as slots free up. */
  add(files: Iterable<File> | ArrayLike<File>, opts: AddOptions = {}): string[] {
    const route = opts.route ?? this.options.route ?? "default";
    const ids: string[] = [];
    for (const file of Array.from(files)) {
      const entry = newEntry(`u${String(++this.seq)}`, file, route, opts.resumeUploadId);
      entry.thumbnailUrl = thumbnailFor(file);
      this.entries.set(entry.id, entry);
      ids.push(entry.id);
    }
    this.changed();
    this.pump();
    return ids;
  }

  pause(id: string): void {
    const entry = this.entries.get(id);
    if (entry?.state !== "uploading" && entry?.state !== "queued") return;
    entry.handle?.pause();
    this.set(entry, { state: "paused" });
    this.pump();
  }

  resume(id: string): void {
    const entry = this.entries.get(id);
    if (entry?.state !== "paused") return;
    this.set(entry, { state: "queued" });
    this.pump();
  }

  cancel(id: string): void {
    const entry = this.entries.get(id);
    if (!entry || !isLive(entry.state)) return;
    const handle = entry.handle;
    entry.handle = undefined;
    this.set(entry, { state: "canceled" });
    // cancel() aborts the session on the server too; the item is canceled for the person at once.
    if (handle) void handle.cancel();
    this.pump();
  }

  retry(id: string): void {
    const entry = this.entries.get(id);
    if (entry?.state !== "failed" && entry?.state !== "canceled") return;
    // A failed attempt may leave a session with parts in storage: continue it; a canceled one was aborted.
    const resumeUploadId = entry.state === "failed" ? entry.uploadId : undefined;
    this.set(entry, { state: "queued", error: undefined, resumeUploadId, progress: emptyProgress(entry.file.size) });
    this.pump();
  }

  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    if (isLive(entry.state)) this.cancel(id);
    revokeThumbnail(entry.thumbnailUrl);
    this.entries.delete(id);
    this.changed();
  }

  pauseAll(): void {
    this.bulk((entry) => { this.pause(entry.id); });
  }

  resumeAll(): void {
    this.bulk((entry) => { this.resume(entry.id); });
  }

  cancelAll(): void {
    this.bulk((entry) => { this.cancel(entry.id); });
  }

  /** Removes done and canceled items (failed ones stay: they need a decision). */
  clearFinished(): void {
    this.bulk((entry) => {
      if (entry.state === "done" || entry.state === "canceled") this.remove(entry.id);
    });
  }

  /** One operation on every entry, then one pump: pausing item 1 must not start item 4 only to pause it next. */
  private bulk(each: (entry: Entry) => void): void {
    this.holding = true;
    try {
      for (const entry of [...this.entries.values()]) each(entry);
    } finally {
      this.holding = false;
    }
    this.pump();
  }

  /** The queue's host went away: uploads pause (sessions stay resumable) and thumbnails are freed. */
  dispose(): void {
    for (const entry of this.entries.values()) {
      if (entry.state === "uploading") this.pause(entry.id);
      revokeThumbnail(entry.thumbnailUrl);
      entry.thumbnailUrl = undefined;
      entry.item = undefined;
    }
    this.stopPublishing();
  }

  /** The host is back (React StrictMode mounts twice): thumbnails are made again. */
  revive(): void {
    for (const entry of this.entries.values()) {
      if (entry.thumbnailUrl === undefined) this.set(entry, { thumbnailUrl: thumbnailFor(entry.file) });
    }
  }

}
