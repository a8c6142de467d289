/**
 * Options for a cursor-paged procedure as a TanStack infinite query, calling the vanilla client directly.
 * Not tRPC's `infiniteQueryOptions`: it adds `direction` to the input, which Hoist's strict input schemas refuse.
 * Keys are tRPC's own, so `trpc.<path>.pathFilter()` invalidates these queries like any other.
 */
export function pagedQuery<Input extends object, Page extends { nextCursor?: string | undefined }>(
  queryKey: readonly unknown[],
  input: Input,
  fetchPage: (input: Input & { cursor?: string }, signal: AbortSignal) => Promise<Page>,
) {
  return {
    queryKey,
    queryFn: ({ pageParam, signal }: { pageParam: string | undefined; signal: AbortSignal }) =>
      fetchPage(pageParam === undefined ? input : { ...input, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page: Page) => page.nextCursor,
  };
}
