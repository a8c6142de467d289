import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../provider";

/** `upload.routes`: the routes this user may upload to, with their limits (to show before anything is chosen). */
export function useRoutes() {
  const trpc = useTRPC();
  // Routes are code on the server: they change only with a deploy.
  return useQuery(trpc.upload.routes.queryOptions({}, { staleTime: 5 * 60_000 }));
}
