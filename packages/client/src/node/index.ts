/**
 * `@hoist/client/node`: sources, transport and resume store for Node, and {@link createNodeUploader} which
 * wires them into the core engine.
 */
import { createUploader } from "../uploader";
import type { Uploader, UploaderOptions } from "../types";
import { fileResumeStore } from "./file-resume-store";
import { nodeHttpTransport } from "./http-transport";

export { fromPath, typeFromName, type FromPathOptions } from "./from-path";
export { fromStream, type FromStreamOptions } from "./from-stream";
export { fromUnsizedStream, type FromUnsizedStreamOptions } from "./unsized-stream";
export { undiciTransport, type UndiciTransportOptions } from "./undici-transport";
export { nodeHttpTransport, type NodeHttpTransportOptions } from "./http-transport";
export { defaultResumeDir, fileResumeStore } from "./file-resume-store";
export { createNodeTrpc, httpFetch, type NodeTrpcOptions, type TrpcFetch } from "./trpc";

/** Parts in flight by default in Node: servers and CLIs have the sockets and bandwidth browsers lack. */
export const NODE_CONCURRENCY = 8;

/** {@link UploaderOptions} where `resumeStore: false` turns resuming off. */
export type NodeUploaderOptions = Omit<UploaderOptions, "resumeStore"> & { resumeStore?: UploaderOptions["resumeStore"] | false };

/**
 * {@link createUploader} for Node: node:http transport (sockets >= concurrency), concurrency 8, resume records
 * under `~/.hoist/resume`. Pass `resumeStore` or `transport` to replace either (`resumeStore: false`: none).
 */
export function createNodeUploader<TRoute extends string = string>(options: NodeUploaderOptions): Uploader<TRoute> {
  const { resumeStore, ...rest } = options;
  const concurrency = options.concurrency ?? NODE_CONCURRENCY;
  const store = resumeStore === false ? undefined : (resumeStore ?? fileResumeStore());
  return createUploader<TRoute>({
    ...rest,
    concurrency,
    transport: options.transport ?? nodeHttpTransport({ sockets: Math.max(16, concurrency) }),
    ...(store && { resumeStore: store }),
  });
}
