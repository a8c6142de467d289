import { FileCompletedEventSchema, OnCompletedInputSchema } from "./events.js";
import {
  DeleteFileOutputSchema,
  DownloadUrlInputSchema,
  DownloadUrlOutputSchema,
  FileIdInputSchema,
  FileRecordSchema,
  ListFilesInputSchema,
  ListFilesOutputSchema,
} from "./files.js";
import { ListPartsInputSchema, ListPartsOutputSchema, SignPartsInputSchema, SignPartsOutputSchema } from "./parts.js";
import {
  AbortUploadOutputSchema,
  CompleteUploadInputSchema,
  CompleteUploadOutputSchema,
  CreateUploadInputSchema,
  CreateUploadOutputSchema,
  ListRoutesInputSchema,
  ListRoutesOutputSchema,
  ListUploadsInputSchema,
  ListUploadsOutputSchema,
  UploadIdInputSchema,
  UploadSessionSchema,
} from "./upload.js";

/**
 * Input and output schema of every procedure, by router and name as mounted at `/trpc`. Routers use it as
 * `.input(procedures.upload.create.input).output(procedures.upload.create.output)`, so a procedure cannot drift
 * from the contract without a type error.
 */
export const procedures = {
  upload: {
    create: { input: CreateUploadInputSchema, output: CreateUploadOutputSchema },
    signParts: { input: SignPartsInputSchema, output: SignPartsOutputSchema },
    listParts: { input: ListPartsInputSchema, output: ListPartsOutputSchema },
    get: { input: UploadIdInputSchema, output: UploadSessionSchema },
    list: { input: ListUploadsInputSchema, output: ListUploadsOutputSchema },
    complete: { input: CompleteUploadInputSchema, output: CompleteUploadOutputSchema },
    abort: { input: UploadIdInputSchema, output: AbortUploadOutputSchema },
    routes: { input: ListRoutesInputSchema, output: ListRoutesOutputSchema },
  },
  files: {
    list: { input: ListFilesInputSchema, output: ListFilesOutputSchema },
    get: { input: FileIdInputSchema, output: FileRecordSchema },
    downloadUrl: { input: DownloadUrlInputSchema, output: DownloadUrlOutputSchema },
    delete: { input: FileIdInputSchema, output: DeleteFileOutputSchema },
    // A subscription: `output` is the schema of each event it yields (as `tracked(event.id, event)`).
    onCompleted: { input: OnCompletedInputSchema, output: FileCompletedEventSchema },
  },
} as const;
