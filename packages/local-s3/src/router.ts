import { S3Error } from "./errors";
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from "./ops/bucket";
import { completeMultipartUpload } from "./ops/complete";
import type { Operation } from "./ops/context";
import { deleteBucketCors, getBucketCors, putBucketCors } from "./ops/cors-config";
import { deleteBucketLifecycle, getBucketLifecycle, putBucketLifecycle } from "./ops/lifecycle-config";
import { listMultipartUploads } from "./ops/list-uploads";
import { listObjectsV1, listObjectsV2 } from "./ops/list-objects";
import { abortMultipartUpload, createMultipartUpload, listParts, uploadPart } from "./ops/multipart";
import { deleteObject, getObject, headObject, putObject } from "./ops/objects";
import type { RequestTarget } from "./request-target";

/** An operation plus whether the bucket must already exist before it runs. */
export interface Route {
  op: Operation;
  needsBucket: boolean;
}

// Query parameters that are arguments of the operations below; any other one names a subresource we do not serve.
const KNOWN_PARAMS = new Set(
  "list-type prefix delimiter marker max-keys continuation-token start-after encoding-type fetch-owner x-id partNumber uploadId max-parts part-number-marker key-marker upload-id-marker max-uploads uploads cors lifecycle location".split(" "),
);
const METHODS = new Set(["GET", "HEAD", "PUT", "POST", "DELETE"]);

/** Picks the operation for a request; unsupported methods are 405, unsupported operations 501. */
export function route(method: string, target: RequestTarget): Route {
  if (!METHODS.has(method)) throw new S3Error("MethodNotAllowed", "The specified method is not allowed against this resource.", { Method: method, ResourceType: "OBJECT" });
  const unknown = [...target.query.keys()].find((k) => !KNOWN_PARAMS.has(k) && !k.startsWith("response-") && !k.startsWith("X-Amz-"));
  if (unknown !== undefined) throw notImplemented(`The ${unknown} subresource is not implemented by this local S3.`);
  const q = target.query;
  if (target.bucket === "") {
    if (method === "GET") return { op: listBuckets, needsBucket: false };
    throw notImplemented("Only ListBuckets is served at /.");
  }
  const op = target.key === "" ? bucketOp(method, q) : objectOp(method, q);
  if (op === undefined) throw notImplemented("A header or parameter you provided implies functionality that is not implemented.");
  return { op, needsBucket: op !== createBucket };
}

function bucketOp(method: string, q: Map<string, string>): Operation | undefined {
  switch (method) {
    case "PUT":
      if (q.has("lifecycle")) return putBucketLifecycle;
      return q.has("cors") ? putBucketCors : createBucket;
    case "GET":
      if (q.has("cors")) return getBucketCors;
      if (q.has("lifecycle")) return getBucketLifecycle;
      if (q.has("uploads")) return listMultipartUploads;
      if (q.has("location")) return getBucketLocation;
      if (!q.has("list-type")) return listObjectsV1;
      return q.get("list-type") === "2" ? listObjectsV2 : undefined;
    case "HEAD":
      return headBucket;
    case "DELETE":
      if (q.has("lifecycle")) return deleteBucketLifecycle;
      return q.has("cors") ? deleteBucketCors : deleteBucket;
    default:
      return undefined;
  }
}

function objectOp(method: string, q: Map<string, string>): Operation | undefined {
  switch (method) {
    case "PUT":
      if (q.has("uploadId") || q.has("partNumber")) return uploadPart;
      return putObject;
    case "GET":
      return q.has("uploadId") ? listParts : getObject;
    case "HEAD":
      return headObject;
    case "DELETE":
      return q.has("uploadId") ? abortMultipartUpload : deleteObject;
    case "POST":
      if (q.has("uploads")) return createMultipartUpload;
      return q.has("uploadId") ? completeMultipartUpload : undefined;
    default:
      return undefined;
  }
}

function notImplemented(message: string): S3Error {
  return new S3Error("NotImplemented", message);
}
