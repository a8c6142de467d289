import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import type { UploaderOptions, UploadProgress } from "@hoist/client";
import { createNodeUploader, fileResumeStore, fromPath, nodeHttpTransport } from "@hoist/client/node";

/** What one engine upload left behind. */
export interface EngineResult {
  fileId: string;
  progress: UploadProgress;
  /** Parts the uploader allowed in flight at the end (where an adaptive limit settled). */
  concurrency: number;
}

/**
 * Uploads `path` with `@hoist/client`'s Node uploader: its defaults unless `opts` say otherwise, except that
 * resume records go to a temp dir (not ~/.hoist) and the transport's keep-alive sockets are closed afterwards,
 * so a bench leaves nothing behind and its process can end.
 */
export async function engineUpload(
  trpc: TRPCClient<AppRouter>,
  path: string,
  opts: Omit<UploaderOptions, "trpc"> = {},
): Promise<EngineResult> {
  const resumeDir = await mkdtemp(join(tmpdir(), "hoist-bench-resume-"));
  // The default transport (node:http, as createNodeUploader builds it), made here only to close its sockets after.
  const transport = nodeHttpTransport({ sockets: Math.max(16, opts.concurrency ?? 8) });
  try {
    const uploader = createNodeUploader({ trpc, transport, resumeStore: fileResumeStore(resumeDir), ...opts });
    const handle = uploader.upload(await fromPath(path));
    const file = await handle.done;
    return { fileId: file.id, progress: handle.progress(), concurrency: uploader.concurrency };
  } finally {
    await transport.close();
    await rm(resumeDir, { recursive: true, force: true });
  }
}
