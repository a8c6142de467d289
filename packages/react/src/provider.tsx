import { createContext, useContext, useRef, useState } from "react";
import type { ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { TRPCClient } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { createBrowserUploader } from "@hoist/client/browser";
import type { Uploader } from "@hoist/client";
import type { AppRouter } from "@hoist/api";
import type { ChecksumMode } from "@hoist/contract/core";

const trpcContext = createTRPCContext<AppRouter>();

/** tRPC's query and mutation options for the Hoist API (`trpc.files.list.queryOptions(...)`), for custom hooks. */
export const useTRPC = trpcContext.useTRPC;

/** Engine settings when the provider makes the browser uploader itself. */
export interface UploaderSettings {
  /** Part PUTs in flight across all files (default 4). */
  concurrency?: number;
  /**
   * What parts carry for storage to verify (default "crc64nvme": each part's and the whole file's CRC64NVME,
   * summed in Web Workers; "sha256": each part's SHA-256; "none").
   */
  checksum?: ChecksumMode;
}

/** Props of {@link HoistProvider}. */
export interface HoistProviderProps {
  /** The API's tRPC endpoint (default `/trpc`, same origin). */
  url?: string;
  /**
   * The bearer token, asked before every API call batch: the host application's session token (jwt mode) or the
   * demo token (dev mode). Return undefined when signed out.
   */
  getToken?: () => string | undefined | Promise<string | undefined>;
  /** An existing tRPC client to the Hoist API, instead of `url` and `getToken`. */
  trpcClient?: TRPCClient<AppRouter>;
  /** An existing TanStack Query client (default: a new one). */
  queryClient?: QueryClient;
  /** The engine (shared by every file), or settings for the browser engine the provider makes. */
  uploader?: Uploader | UploaderSettings;
  children?: ReactNode;
}

/** What {@link useHoist} returns. */
export interface HoistContextValue {
  trpc: TRPCClient<AppRouter>;
  uploader: Uploader;
}

const HoistContext = createContext<HoistContextValue | null>(null);

/** Calls in one HTTP request at most: the server takes batches of up to HOIST_MAX_BATCH (10 by default). */
const MAX_BATCH = 10;

function isUploader(value: HoistProviderProps["uploader"]): value is Uploader {
  return value !== undefined && "upload" in value;
}

/**
 * Queries retry what may pass next time (network, 5xx, 429) up to 3 times; a refusal (a refused token, a missing
 * file) is final and shows at once instead of after TanStack Query's default three retries.
 */
function retry(failures: number, error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: unknown } } | null)?.data?.httpStatus;
  const refused = typeof status === "number" && status >= 400 && status < 500 && status !== 429;
  return !refused && failures < 3;
}

/**
 * Gives its children the Hoist API (tRPC over TanStack Query) and one upload engine: all files uploaded below it
 * share the engine's concurrency budget. Made once; later prop changes other than `getToken` are ignored.
 */
export function HoistProvider(props: HoistProviderProps) {
  const getToken = useRef(props.getToken);
  getToken.current = props.getToken;
  const [queryClient] = useState(() => props.queryClient ?? new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry } } }));
  const [value] = useState<HoistContextValue>(() => {
    const trpc =
      props.trpcClient ??
      createTRPCClient<AppRouter>({
        links: [
          httpBatchLink({
            url: props.url ?? "/trpc",
            maxItems: MAX_BATCH,
            headers: async () => {
              const token = await getToken.current?.();
              return token === undefined ? {} : { authorization: `Bearer ${token}` };
            },
          }),
        ],
      });
    const settings = props.uploader;
    const uploader = isUploader(settings) ? settings : createBrowserUploader({ trpc, ...settings });
    return { trpc, uploader };
  });
  return (
    <QueryClientProvider client={queryClient}>
      <trpcContext.TRPCProvider trpcClient={value.trpc} queryClient={queryClient}>
        <HoistContext.Provider value={value}>{props.children}</HoistContext.Provider>
      </trpcContext.TRPCProvider>
    </QueryClientProvider>
  );
}

/** The provider's tRPC client and upload engine. Throws outside a {@link HoistProvider}. */
export function useHoist(): HoistContextValue {
  const value = useContext(HoistContext);
  if (value === null) throw new Error("useHoist must be used inside <HoistProvider>");
  return value;
}
