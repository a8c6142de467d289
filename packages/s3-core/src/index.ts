/**
 * @hoist/s3-core: everything Hoist does with S3 except serving HTTP. A client factory with provider profiles,
 * a fast presigner built on the SDK's own SigV4 signer, multipart operations that follow every page, and pure
 * verification helpers used at complete time; `createStorage` binds them to one bucket for the API.
 */
export { createS3Client, S3_MAX_ATTEMPTS } from "./create-s3-client.js";
export { resolveS3Config } from "./s3-config.js";
export type { ResolvedS3Config, S3Config, StaticCredentials } from "./s3-config.js";
export { getProviderProfile, S3_PROVIDERS } from "./provider-profile.js";
export type { ProviderProfile, S3Provider } from "./provider-profile.js";
export { BROWSER_SIGNED_HEADERS, createPartSigner } from "./part-signer.js";
export type {
  PartSigner,
  PartSignerOptions,
  SignedRequest,
  SignGetObjectInput,
  SignPutObjectInput,
  SignUploadPartInput,
} from "./part-signer.js";
export { abortMultipart, completeMultipart, createMultipart } from "./multipart.js";
export type { CompletedObject, CompletedPartRef, CompleteMultipartInput, CreateMultipartInput } from "./multipart.js";
export { createStorage } from "./storage.js";
export { storageFromConfig } from "./storage-from-config.js";
export type { Storage, StorageOptions, UploadAt } from "./storage.js";
export type { UploadRef } from "./upload-ref.js";
export { collectParts, listAllParts, listPartsPage } from "./list-parts.js";
export type { ListedPart, ListedPartsPage, ListPartsPageInput } from "./list-parts.js";
export { listAllMultipartUploads } from "./list-uploads.js";
export type { ListUploadsInput, PendingUpload } from "./list-uploads.js";
export { listObjectPages } from "./list-objects.js";
export type { ListedObject, ListObjectsInput } from "./list-objects.js";
export { deleteObject, headObject, readFirstBytes } from "./objects.js";
export type { ObjectInfo, ObjectRef, ReadFirstBytesInput, StoredChecksums } from "./objects.js";
export { streamObject } from "./read-object.js";
export { checksumMismatch, isChecksumRefusal } from "./checksum-errors.js";
export { isNoSuchUpload, isStorageThrottling, s3ErrorCode, s3HttpStatus, UploadNotFoundError } from "./s3-errors.js";
export { verifyParts } from "./verify-parts.js";
export type { ClaimedPart, PartsMismatchCode, PlannedParts, VerifiedPart, VerifyPartsResult } from "./verify-parts.js";
export { sniffType, typeAllowed } from "./sniff-type.js";
export type { SniffPolicy, SniffResult } from "./sniff-type.js";
export { contentDisposition } from "./content-disposition.js";
export type { Disposition } from "./content-disposition.js";
