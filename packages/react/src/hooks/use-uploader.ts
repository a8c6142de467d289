import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { FileRecord } from "@hoist/contract";
import { useHoist, useTRPC } from "../provider";
import { UploadQueueStore } from "../queue/upload-queue";
import type { AddOptions, UploadItem } from "../types";

/** Options of {@link useUploader}. */
export interface UseUploaderOptions<TRoute extends string = string> {
  /** Route for files added without one (default `"default"`). */
  route?: TRoute;
  /** Uploads started at once (default 3); the rest wait `queued`. Parts in flight are the engine's budget. */
  maxActive?: number;
  /** Called once per finished file (after the file list was told to refresh). */
  onFileDone?: (file: FileRecord, item: UploadItem) => void;
}

/** What {@link useUploader} returns: the queue's items and its controls (stable functions). */
export interface Uploads<TRoute extends string = string> {
  items: readonly UploadItem[];
  /** The latest "<name> uploaded" / "<name> failed: ..." text, for a polite live region. */
  announcement: string;
  /**
   * Queues files; returns their item ids (the items appear in the next snapshot). A method, so a queue with
   * narrowed routes still fits components that re-add a server-listed route (`<UnfinishedUploads>`).
   */
  add(files: File[] | FileList, options?: AddOptions<TRoute>): string[];
  pause: (id: string) => void;
  resume: (id: string) => void;
  cancel: (id: string) => void;
  retry: (id: string) => void;
  remove: (id: string) => void;
  pauseAll: () => void;
  resumeAll: () => void;
  cancelAll: () => void;
  clearFinished: () => void;
}

/**
 * An upload queue on the provider's engine. Files are checked against their route's limits before any request;
 * a finished file refreshes `useFiles()` and `useUnfinishedUploads()`. Re-renders at most ~10 times a second.
 * `TRoute` narrows the route names the app may give (default: any string, checked by the server).
 */
export function useUploader<TRoute extends string = string>(options: UseUploaderOptions<TRoute> = {}): Uploads<TRoute> {
  const { uploader } = useHoist();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const latest = useRef(options);
  latest.current = options;
  const onFileDone = (file: FileRecord, item: UploadItem) => {
    void queryClient.invalidateQueries(trpc.files.list.pathFilter());
    void queryClient.invalidateQueries(trpc.upload.list.pathFilter());
    latest.current.onFileDone?.(file, item);
  };
  const settings = { uploader, onFileDone, ...pick(options) };
  const [queue] = useState(() => new UploadQueueStore(settings));
  const { route, maxActive } = options;
  useEffect(() => {
    // `settings` is rebuilt each render; only these parts of it can change what the queue does.
    queue.configure(settings);
  }, [queue, uploader, route, maxActive]);
  useEffect(() => {
    queue.revive();
    return () => {
      queue.dispose();
    };
  }, [queue]);
  const snapshot = useSyncExternalStore(queue.subscribe, queue.getSnapshot, queue.getSnapshot);
  const controls = useMemo(() => controlsOf(queue), [queue]);
  return useMemo(() => ({ ...controls, items: snapshot.items, announcement: snapshot.announcement }), [controls, snapshot]);
}

function pick(options: UseUploaderOptions) {
  return {
    ...(options.route !== undefined && { route: options.route }),
    ...(options.maxActive !== undefined && { maxActive: options.maxActive }),
  };
}

function controlsOf(queue: UploadQueueStore): Omit<Uploads, "items" | "announcement"> {
  return {
    add: (files, opts) => queue.add(files, opts),
    pause: (id) => {
      queue.pause(id);
    },
    resume: (id) => {
      queue.resume(id);
    },
    cancel: (id) => {
      queue.cancel(id);
    },
    retry: (id) => {
      queue.retry(id);
    },
    remove: (id) => {
      queue.remove(id);
    },
    pauseAll: () => {
      queue.pauseAll();
    },
    resumeAll: () => {
      queue.resumeAll();
    },
    cancelAll: () => {
      queue.cancelAll();
    },
    clearFinished: () => {
      queue.clearFinished();
    },
  };
}
