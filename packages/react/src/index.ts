/**
 * @hoist/react: typed hooks on tRPC's TanStack Query integration and upload components for a Hoist server.
 * Builds on `@hoist/client/browser`; imports no server code (the API's type only).
 */
export { HoistProvider, useHoist, useTRPC, type HoistContextValue, type HoistProviderProps, type UploaderSettings } from "./provider";
export { useUploader, type Uploads, type UseUploaderOptions } from "./hooks/use-uploader";
export { useRoutes } from "./hooks/use-routes";
export { useFiles, useDownloadUrl, useDeleteFile, type UseFilesOptions } from "./hooks/use-files";
export { useUnfinishedUploads, useDiscardUpload } from "./hooks/use-unfinished-uploads";
export { Dropzone, type DropzoneProps } from "./components/dropzone";
export { UploadQueue, type UploadQueueProps } from "./components/upload-queue";
export { FileList, type FileListProps } from "./components/file-list";
export { UnfinishedUploads, type UnfinishedUploadsProps } from "./components/unfinished-uploads";
export { RouteChooser, type RouteChooserProps } from "./components/route-chooser";
export { UploadQueueStore, DEFAULT_MAX_ACTIVE, type QueueSnapshot, type UploadQueueOptions } from "./queue/upload-queue";
export { describeRoute } from "./queue/route-limits";
export { describeIntegrity, type Integrity } from "./integrity";
export { formatBytes, formatDate, formatEta, formatRate } from "./format";
export type * from "./types";
