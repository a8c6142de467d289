/**
 * The CLI's one doorway to the upload engine (@hoist/client), so the agreed API is named in a single place.
 */
export type { ResumeRecord, ResumeStore, UploadHandle, UploadProgress } from "@hoist/client";
export { createNodeUploader, fileResumeStore, fromPath, NODE_CONCURRENCY } from "@hoist/client/node";
