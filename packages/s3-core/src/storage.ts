import type { S3Client } from "@aws-sdk/client-s3";
import { collectParts, listPartsPage } from "./list-parts.js";
import type { ListedPart, ListedPartsPage, ListPartsPageInput } from "./list-parts.js";
import { listObjectPages } from "./list-objects.js";
import type { ListedObject, ListObjectsInput } from "./list-objects.js";
import { listAllMultipartUploads } from "./list-uploads.js";
import type { ListUploadsInput, PendingUpload } from "./list-uploads.js";
import { abortMultipart, completeMultipart, createMultipart } from "./multipart.js";
import type { CompletedObject, CompleteMultipartInput, CreateMultipartInput } from "./multipart.js";
import { deleteObject, headObject, readFirstBytes } from "./objects.js";
import type { ObjectInfo } from "./objects.js";
import { streamObject } from "./read-object.js";
import type { PartSigner, SignedRequest, SignGetObjectInput, SignPutObjectInput, SignUploadPartInput } from "./part-signer.js";
import type { ProviderProfile } from "./provider-profile.js";

/** What {@link createStorage} binds once: every call goes to this client and bucket, with this profile's quirks. */
export interface StorageOptions {
  client: S3Client;
  bucket: string;
  profile: ProviderProfile;
  /** Built for the same bucket (see `createPartSigner`). */
  signer: PartSigner;
}

/** One multipart upload in the bound bucket. */
export interface UploadAt {
  key: string;
  uploadId: string;
}

/**
 * One bucket on one provider. Methods take only what varies per call; the bucket and the profile (how the store
 * spells "no such upload", which conditional writes it honours) are bound, so no call can forget them.
 */
export interface Storage {
  /** The bound client, for what the methods do not cover (health checks, tools, tests). */
  readonly client: S3Client;
  readonly bucket: string;
  /** Facts callers still decide on, e.g. whether sha256 checksums can be verified at all. */
  readonly profile: ProviderProfile;
  /** `checksum: "crc64nvme"` is declared only where the profile says the store verifies it. */
  createMultipart(input: Omit<CreateMultipartInput, "bucket">): Promise<string>;
  /** A CRC64NVME is signed only where the profile has `crc64nvme`: elsewhere the store would not check it. */
  signUploadPart(input: SignUploadPartInput): Promise<SignedRequest>;
  /** `ifNoneMatch` is signed only where the profile says PutObject honours it, as complete does; CRC64NVME as above. */
  signPutObject(input: SignPutObjectInput): Promise<SignedRequest>;
  signGetObject(input: SignGetObjectInput): Promise<SignedRequest>;
  listPartsPage(input: Omit<ListPartsPageInput, "bucket" | "profile">): Promise<ListedPartsPage>;
  /** Every part, across all pages. */
  collectParts(upload: UploadAt): Promise<ListedPart[]>;
  /** The object's ETag and size come with it: verifying it needs no second HeadObject. */
  completeMultipart(input: Omit<CompleteMultipartInput, "bucket">): Promise<CompletedObject>;
  /** Idempotent: false when the upload was already gone. */
  abortMultipart(upload: UploadAt): Promise<boolean>;
  headObject(key: string): Promise<ObjectInfo | undefined>;
  /** One ranged GET of at most `bytes` bytes. */
  readFirstBytes(key: string, bytes: number): Promise<Uint8Array>;
  /** The whole object, chunk by chunk, from one GetObject. */
  streamObject(key: string): AsyncGenerator<Uint8Array, void>;
  deleteObject(key: string): Promise<void>;
  listObjectPages(input: Omit<ListObjectsInput, "bucket">): AsyncGenerator<ListedObject[], void>;
  listMultipartUploads(input: Omit<ListUploadsInput, "bucket">): AsyncGenerator<PendingUpload, void>;
}

/**
 * Binds the free S3 operations of this package to one client, bucket, profile and signer: what the API builds
 * once at start-up and hands to every procedure.
 */
export function createStorage({ client, bucket, profile, signer }: StorageOptions): Storage {
  // Where the store cannot verify CRC64NVME, declaring or signing it would at best be ignored, at worst refused.
  const crc = <T extends { checksumCrc64nvme?: string }>(input: T): T =>
    profile.crc64nvme ? input : { ...input, checksumCrc64nvme: undefined };
  const createChecksum = (mode: CreateMultipartInput["checksum"]) => (mode === "crc64nvme" && !profile.crc64nvme ? "none" : mode);
  return {
    client,
    bucket,
    profile,
    createMultipart: (input) => createMultipart(client, { ...input, bucket, checksum: createChecksum(input.checksum) }),
    signUploadPart: (input) => signer.signUploadPart(crc(input)),
    signPutObject: (input) => signer.signPutObject(crc({ ...input, ifNoneMatch: input.ifNoneMatch === true && profile.ifNoneMatchOnPut })),
    signGetObject: (input) => signer.signGetObject(input),
    listPartsPage: (input) => listPartsPage(client, { ...input, bucket, profile }),
    collectParts: (upload) => collectParts(client, { ...upload, bucket, profile }),
    completeMultipart: (input) => completeMultipart(client, profile, { ...input, bucket }),
    abortMultipart: (upload) => abortMultipart(client, { ...upload, bucket, profile }),
    headObject: (key) => headObject(client, { bucket, key }),
    readFirstBytes: (key, bytes) => readFirstBytes(client, { bucket, key, bytes }),
    streamObject: (key) => streamObject(client, { bucket, key }),
    deleteObject: (key) => deleteObject(client, { bucket, key }),
    listObjectPages: (input) => listObjectPages(client, { ...input, bucket }),
    listMultipartUploads: (input) => listAllMultipartUploads(client, { ...input, bucket }),
  };
}
