/**
 * The CLI's one doorway to the upload engine (@hoist/client), so the agreed API is named in a single place.
 */
export type { ResumeRecord, ResumeStore, UploadHandle, UploadProgress, UploadSource } from "@hoist/client";
export { createNodeUploader, fileResumeStore, fromPath, fromUnsizedStream, NODE_CONCURRENCY, typeFromName } from "@hoist/client/node";
export { isUnsized } from "@hoist/client";
