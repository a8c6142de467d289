import { useEffect, useMemo } from "react";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { UploadSessionSummary } from "@hoist/contract";
import { useHoist, useTRPC } from "../provider";
import { pagedQuery } from "./paged";

const PAGE = 100;

/**
 * The caller's unfinished sessions (`upload.list`, status `uploading`), every page: what can be resumed after a
 * reload or from another device. `uploads` is the flattened list.
 */
export function useUnfinishedUploads() {
  const trpc = useTRPC();
  const client = useHoist().trpc;
  const input = { status: "uploading" as const, limit: PAGE };
  const query = useInfiniteQuery(
    pagedQuery(trpc.upload.list.infiniteQueryKey(input), input, (page, signal) => client.upload.list.query(page, { signal })),
  );
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const uploads = useMemo<UploadSessionSummary[]>(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  return { ...query, uploads };
}

/** `upload.abort` as a mutation (discard an unfinished upload); the unfinished list refreshes after. */
export function useDiscardUpload() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.upload.abort.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.upload.list.pathFilter()),
    }),
  );
}
