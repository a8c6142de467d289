import type { CompletedPart, CreateUploadInput, CreateUploadOutput, FileRecord, SignedPart, SignPartsInput, UploadedPart, UploadSession } from "@hoist/contract";
import { apiCall } from "./api-call";
import type { ApiGate } from "./api-gate";
import type { ApiRetryOptions, HoistTrpc } from "./types";

/** The procedures of one upload session (plain functions, safe to pass around), each retried by {@link apiCall} and carrying the session's id. */
export interface SessionApi {
  readonly uploadId: string;
  get: () => Promise<UploadSession>;
  signParts: (parts: SignPartsInput["parts"]) => Promise<SignedPart[]>;
  /** Every part storage holds for the session (all `listParts` pages). */
  listParts: () => Promise<UploadedPart[]>;
  /**
   * Records the file; `parts` for a multipart session still uploading, none for a single PUT or a finished one;
   * `checksum`: the whole file's CRC64NVME (base64) of a crc64nvme session.
   */
  complete: (parts?: CompletedPart[], checksum?: string) => Promise<FileRecord>;
  abort: () => Promise<void>;
}

/** How an upload reaches the API: the client, the uploader's gate that every call passes (rate limits), how long calls retry. */
export interface ApiAccess {
  trpc: HoistTrpc;
  gate: ApiGate;
  apiRetry?: ApiRetryOptions | undefined;
}

/**
 * The API of session `uploadId`. Reads and signing follow `signal` (the run's stop); `complete` and `abort` do
 * not: once `complete` is sent the server may record the file anyway, and a cancel this late should find it done
 * rather than abort a session that is completing (refused with NOT_UPLOADING); `abort` is what a cancel sends
 * after the stop.
 */
export function sessionApi({ trpc, gate, apiRetry }: ApiAccess, uploadId: string, signal: AbortSignal): SessionApi {
  const { upload } = trpc;
  const followed = { uploadId, signal, gate, retry: apiRetry };
  const unstoppable = { uploadId, gate, retry: apiRetry };
  return {
    uploadId,
    get: () => apiCall((s) => upload.get.query({ uploadId }, { signal: s }), followed),
    signParts: async (parts) => (await apiCall((s) => upload.signParts.mutate({ uploadId, parts }, { signal: s }), followed)).parts,
    listParts: async () => {
      const parts: UploadedPart[] = [];
      let cursor: string | undefined;
      do {
        const input = cursor === undefined ? { uploadId } : { uploadId, cursor };
        const page = await apiCall((s) => upload.listParts.query(input, { signal: s }), followed);
        parts.push(...page.parts);
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return parts;
    },
    complete: async (parts, checksum) => {
      const input = { uploadId, ...(parts !== undefined && { parts }), ...(checksum !== undefined && { checksum }) };
      return (await apiCall((s) => upload.complete.mutate(input, { signal: s }), unstoppable)).file;
    },
    abort: async () => {
      await apiCall((s) => upload.abort.mutate({ uploadId }, { signal: s }), unstoppable);
    },
  };
}

/**
 * `upload.create`, then the new session's API. Not aborted once sent: a stop that dropped the answer would leave
 * the session the server made open and unknown to us; with the id known, a cancel aborts it and a stop keeps it
 * resumable.
 */
export async function createSession(
  access: ApiAccess,
  input: CreateUploadInput,
  signal: AbortSignal,
): Promise<{ created: CreateUploadOutput; api: SessionApi }> {
  if (signal.aborted) throw signal.reason as Error;
  const created = await apiCall((s) => access.trpc.upload.create.mutate(input, { signal: s }), { gate: access.gate, retry: access.apiRetry });
  return { created, api: sessionApi(access, created.uploadId, signal) };
}
