import { S3ServiceException, type S3Client, type ServiceInputTypes, type ServiceOutputTypes } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { XMLParser } from "fast-xml-parser";
import { rawRequest } from "../../src/testing/index.js";

/** How a request reaches the store: SigV4 header auth through the SDK, or a presigned URL sent with node:http. */
export type Path = "sdk" | "presigned";
export const PATHS: readonly Path[] = ["sdk", "presigned"];

/** What came back, the same shape for both paths so one assertion covers both. */
export interface Outcome {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /**
   * Top-level fields of the answer: the SDK's output, or the children of the XML document's root element as
   * strings (`ETag`, `UploadId`, ...), so scalar fields read the same on both paths.
   */
  fields: Record<string, unknown>;
  /** S3 error code: the SDK's error name, or `<Code>` of the XML error document. */
  code?: string;
  message?: string;
}

/** Any S3 client command (PutObjectCommand, ...), named through getSignedUrl since its type package is not ours. */
type S3Command<I extends ServiceInputTypes, O extends ServiceOutputTypes> = Parameters<typeof getSignedUrl<ServiceInputTypes, I, O>>[1];
type PresignOptions = NonNullable<Parameters<typeof getSignedUrl>[2]>;

export interface ExchangeOptions {
  /** Presigned path only: options for `getSignedUrl` (merged over the defaults described at `exchange`). */
  presign?: PresignOptions;
  /** Presigned path only: headers to send instead of the signed values (`null` drops one). */
  headers?: Record<string, string | null>;
  /** Presigned path only: body to send instead of the command's. */
  body?: Buffer | string;
  /** Presigned path only: rewrite the URL before sending (tampering). */
  url?: (url: URL) => void;
}

/**
 * Runs one S3 command through `path`. The presigned path signs every header the SDK would send (content-type,
 * content-md5, content-length, x-amz-meta-*, x-amz-checksum-*, if-none-match...) as a signed, unhoisted header,
 * then sends exactly the signed headers and the SDK-serialised body with node:http.
 */
export async function exchange<I extends ServiceInputTypes, O extends ServiceOutputTypes>(
  client: S3Client,
  path: Path,
  command: S3Command<I, O>,
  opts: ExchangeOptions = {},
): Promise<Outcome> {
  return path === "sdk" ? viaSdk(client, command) : viaPresignedUrl(client, command, opts);
}

interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
}

interface WireRequest {
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

type Handler = (args: { request: unknown }) => Promise<{ response: unknown }>;

/** The two middleware-stack calls used here, typed only as far as this file touches requests and responses. */
interface Stack {
  add(mw: (next: Handler) => Handler, opts: { step: "deserialize"; priority: "low"; name: string; override: true }): void;
  addRelativeTo(mw: (next: Handler) => Handler, opts: { relation: "before"; toMiddleware: string; name: string; override: true }): void;
}

async function viaSdk<I extends ServiceInputTypes, O extends ServiceOutputTypes>(
  client: S3Client,
  command: S3Command<I, O>,
): Promise<Outcome> {
  let wire: WireResponse | undefined;
  (command.middlewareStack as unknown as Stack).add(
    (next) => async (args) => {
      const result = await next(args);
      wire = result.response as WireResponse;
      return result;
    },
    { step: "deserialize", priority: "low", name: "conformanceCaptureResponse", override: true },
  );
  try {
    const output = (await client.send(command)) as Record<string, unknown>;
    const body = await readBody(output);
    return { status: wire?.statusCode ?? 0, headers: lowerCase(wire?.headers ?? {}), body, fields: output };
  } catch (err) {
    if (!(err instanceof S3ServiceException)) throw err;
    return {
      status: err.$metadata.httpStatusCode ?? 0,
      headers: lowerCase(wire?.headers ?? {}),
      body: Buffer.alloc(0),
      fields: {},
      code: err.name,
      message: err.message,
    };
  }
}

/** A presigned request ready to send: the URL, and the signed headers and body the SDK serialised. */
export interface PresignedRequest {
  url: URL;
  method: string;
  headers: Map<string, string>;
  body: Buffer | string | undefined;
}

/**
 * Presigns `command` with `getSignedUrl` and captures what the SDK would have sent with it. Signs content-type,
 * content-md5 and (unhoisted) x-amz-meta-* / x-amz-checksum-* headers, plus anything in `presign`.
 */
export async function presignRequest<I extends ServiceInputTypes, O extends ServiceOutputTypes>(
  client: S3Client,
  command: S3Command<I, O>,
  presign: PresignOptions = {},
): Promise<PresignedRequest> {
  const signable = new Set(["content-type", "content-md5", ...(presign.signableHeaders ?? [])]);
  const unhoistable = new Set(presign.unhoistableHeaders ?? []);
  let request: WireRequest | undefined;
  (command.middlewareStack as unknown as Stack).addRelativeTo(
    (next) => (args) => {
      request = args.request as WireRequest;
      // getSignedUrl hands this same Set to the signer, so headers found here are signed, not moved to the query.
      for (const name of Object.keys(request.headers)) {
        const lower = name.toLowerCase();
        if (/^x-amz-(meta-|checksum-|sdk-checksum)/.test(lower)) unhoistable.add(lower);
      }
      return next(args);
    },
    { relation: "before", toMiddleware: "presignInterceptMiddleware", name: "conformanceCaptureRequest", override: true },
  );
  const url = new URL(await getSignedUrl(client, command, { ...presign, signableHeaders: signable, unhoistableHeaders: unhoistable }));
  if (!request) throw new Error("presign middleware did not run");
  return { url, method: request.method, headers: signedHeaderValues(url, request.headers), body: wireBody(request.body) };
}

async function viaPresignedUrl<I extends ServiceInputTypes, O extends ServiceOutputTypes>(
  client: S3Client,
  command: S3Command<I, O>,
  opts: ExchangeOptions,
): Promise<Outcome> {
  const { url, method, headers, body } = await presignRequest(client, command, opts.presign);
  opts.url?.(url);
  for (const [name, value] of Object.entries(opts.headers ?? {})) {
    headers.delete(name.toLowerCase());
    if (value !== null) headers.set(name.toLowerCase(), value);
  }
  const res = await rawRequest(url.toString(), { method, headers: Object.fromEntries(headers), body: opts.body ?? body });
  const fields = res.status < 300 ? rootFields(res.text) : {};
  return { status: res.status, headers: res.headers, body: res.body, fields, ...parseS3Error(res.text) };
}

function signedHeaderValues(url: URL, all: Record<string, string>): Map<string, string> {
  const lower = lowerCase(all);
  const names = (url.searchParams.get("X-Amz-SignedHeaders") ?? "").split(";").filter((h) => h !== "" && h !== "host");
  return new Map(names.map((h) => [h, lower[h] ?? ""]));
}

function wireBody(body: unknown): Buffer | string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string" || Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body);
  throw new Error("presigned path supports only in-memory bodies");
}

async function readBody(output: Record<string, unknown>): Promise<Buffer> {
  if (!("Body" in output)) return Buffer.alloc(0);
  const stream = output.Body as { transformToByteArray?: () => Promise<Uint8Array> } | undefined;
  return stream?.transformToByteArray ? Buffer.from(await stream.transformToByteArray()) : Buffer.alloc(0);
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

const xml = new XMLParser({ parseTagValue: false });

function rootFields(text: string): Record<string, unknown> {
  if (!text.trimStart().startsWith("<")) return {};
  const doc = xml.parse(text) as Record<string, unknown>;
  const root = Object.entries(doc).find(([name]) => name !== "?xml")?.[1];
  return typeof root === "object" && root !== null ? (root as Record<string, unknown>) : {};
}

/** `{ code, message }` of an S3 XML error document, or nothing when `text` is not one. */
export function parseS3Error(text: string): { code?: string; message?: string } {
  if (!text.trimStart().startsWith("<")) return {};
  const doc = xml.parse(text) as { Error?: { Code?: unknown; Message?: unknown } };
  const code = doc.Error?.Code;
  const message = doc.Error?.Message;
  return {
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof message === "string" ? { message } : {}),
  };
}
