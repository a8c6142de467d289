import { useMemo } from "react";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { FileRecord } from "@hoist/contract";
import { useHoist, useTRPC } from "../provider";
import { pagedQuery } from "./paged";

/** Options of {@link useFiles}. */
export interface UseFilesOptions {
  /** Files per page (default: the server's). */
  limit?: number;
}

/**
 * The caller's files, newest first: `files.list` as an infinite query (cursor-paged). `files` is every loaded
 * page flattened; `fetchNextPage()` while `hasNextPage` loads more. Refreshed when an upload finishes.
 */
export function useFiles(options: UseFilesOptions = {}) {
  const trpc = useTRPC();
  const client = useHoist().trpc;
  const input = options.limit === undefined ? {} : { limit: options.limit };
  const query = useInfiniteQuery(
    pagedQuery(trpc.files.list.infiniteQueryKey(input), input, (page, signal) => client.files.list.query(page, { signal })),
  );
  const files = useMemo<FileRecord[]>(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  return { ...query, files };
}

/** `files.downloadUrl` as a mutation: `mutateAsync({ id, disposition })` gives a short-lived presigned GET. */
export function useDownloadUrl() {
  const trpc = useTRPC();
  return useMutation(trpc.files.downloadUrl.mutationOptions());
}

/** `files.delete` as a mutation; the file list refreshes once it succeeded. */
export function useDeleteFile() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.files.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.files.list.pathFilter()),
    }),
  );
}
