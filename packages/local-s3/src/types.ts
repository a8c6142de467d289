import type { XmlNode } from "./xml";

/** One CORS rule, as in S3's CORSConfiguration. Origins and headers may contain `*` wildcards. */
export interface CorsRule {
  /** Optional name (S3's `ID`), kept so tools can find their own rule again. */
  id?: string;
  allowedOrigins: string[];
  allowedMethods: string[];
  allowedHeaders?: string[];
  exposeHeaders?: string[];
  maxAgeSeconds?: number;
}

/**
 * One lifecycle rule as sent in a LifecycleConfiguration (element names as in S3's XML), kept verbatim: this store
 * keeps and answers rules but does not act on them.
 */
export type LifecycleRule = { ID: string } & Record<string, XmlNode | undefined>;

/** A bucket to create at start; `public` allows anonymous GET/HEAD/PUT. */
export interface BucketConfig {
  name: string;
  public?: boolean;
  cors?: CorsRule[];
}

/** An access key pair accepted by the server. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /**
   * Temporary credentials (as STS issues): every request with this key must carry this token in
   * `X-Amz-Security-Token` (a signed header, or the presigned URL's query), as AWS requires.
   */
  sessionToken?: string;
}

/** Options of {@link startLocalS3}. */
export interface LocalS3Options {
  /** Created if missing; objects and multipart state persist here across restarts. */
  dataDir: string;
  /** 0 / undefined = a free port. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** Default "us-east-1"; requests signed for another region are refused as S3 does. */
  region?: string;
  credentials: Credentials | Credentials[];
  /** Created at start if missing (config applied). */
  buckets?: (string | BucketConfig)[];
  /** Default CORS rules for buckets listed in `buckets` that give none. */
  cors?: CorsRule[];
  /**
   * Default 30000. A request's headers must arrive within this time, and a connection on which no byte moves
   * for this long is closed (half-sent headers, a body that stalls). Must be positive.
   */
  requestTimeoutMs?: number;
  /** Smallest size of a non-last multipart part; default 5 MiB as in S3 (tests lower it). */
  minPartSize?: number;
}

/** A running server. */
export interface LocalS3 {
  /** e.g. http://127.0.0.1:PORT */
  endpoint: string;
  port: number;
  /** Stops accepting connections and waits for open ones to close. */
  close(): Promise<void>;
}
