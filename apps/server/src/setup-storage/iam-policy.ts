import { routePrefix } from "./lifecycle-rules";

/** One statement of an IAM policy document. */
interface Statement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string[]>>;
}

/** An IAM policy document (version 2012-10-17). */
export interface IamPolicy {
  Version: "2012-10-17";
  Statement: Statement[];
}

/**
 * What the server's key does to objects, and the IAM action each S3 call needs: PutObject covers the presigned
 * single PUT, CreateMultipartUpload, the presigned UploadPart and CompleteMultipartUpload; GetObject covers
 * HeadObject, the ranged read for sniffing and presigned downloads; DeleteObject is `files.delete` and the
 * sweeper; AbortMultipartUpload is `upload.abort` and the sweeper; ListMultipartUploadParts is ListParts.
 */
const OBJECT_ACTIONS = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"];

/**
 * The least-privilege policy for the key that signs Hoist's URLs: object actions only under the routes' prefixes,
 * and listing (ListObjectsV2 by the sweeper and `/readyz`, ListMultipartUploads by the sweeper) only of those
 * prefixes. Nothing on bucket configuration: `pnpm setup-storage --apply` runs with an administrator's key once.
 */
export function iamPolicy(bucket: string, routes: readonly string[]): IamPolicy {
  const prefixes = routes.map(routePrefix);
  const bucketArn = `arn:aws:s3:::${bucket}`;
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "HoistObjects", Effect: "Allow", Action: OBJECT_ACTIONS, Resource: prefixes.map((prefix) => `${bucketArn}/${prefix}*`) },
      {
        Sid: "HoistListRoutePrefixes",
        Effect: "Allow",
        Action: ["s3:ListBucket"],
        Resource: bucketArn,
        Condition: { StringLike: { "s3:prefix": prefixes.map((prefix) => `${prefix}*`) } },
      },
      // ListMultipartUploads has no prefix condition key in IAM; the sweeper asks per route prefix all the same.
      { Sid: "HoistListUploads", Effect: "Allow", Action: ["s3:ListBucketMultipartUploads"], Resource: bucketArn },
    ],
  };
}
