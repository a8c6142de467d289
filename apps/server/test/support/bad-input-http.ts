import { createHmac } from "node:crypto";
import { z } from "zod";
import { ErrorDataSchema } from "./bad-input-expect";
import { rawRequest } from "@hoist/local-s3/testing";
import type { RawResponse } from "@hoist/local-s3/testing";

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * A JWT signed by hand (HMAC from node:crypto), so tests can make exactly the broken tokens they need: another
 * algorithm, no `sub`, expired, `alg: none`. `secret` undefined leaves the signature empty.
 */
export function handmadeJwt(header: Record<string, unknown>, payload: Record<string, unknown>, secret?: string): string {
  const signingInput = `${b64url(header)}.${b64url(payload)}`;
  if (secret === undefined) return `${signingInput}.`;
  const hash = header.alg === "HS512" ? "sha512" : "sha256";
  return `${signingInput}.${createHmac(hash, secret).update(signingInput).digest("base64url")}`;
}

/** Seconds since the epoch, as JWT `iat`/`exp` are written. */
export const epochSeconds = (offsetSeconds = 0) => Math.floor(Date.now() / 1000) + offsetSeconds;

/** tRPC's JSON error body, strictly: nothing beside `message`, `code` and the formatted `data` (so no stack). */
export const ErrorBodySchema = z.strictObject({
  error: z.strictObject({ message: z.string().min(10), code: z.number().int(), data: ErrorDataSchema }),
});

/** POSTs `body` as JSON to `/trpc/<path>` with exactly `headers` added; the raw answer. */
export function postJson(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(`${url}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: Buffer.from(JSON.stringify(body)),
  });
}

/** Parses a raw tRPC error answer; the text must carry no stack trace (`    at fn (file:line)`). */
export function parseErrorBody(res: RawResponse): z.infer<typeof ErrorBodySchema>["error"] {
  const text = res.body.toString();
  if (/\bat .+:\d+:\d+\)?/.test(text) || text.includes('"stack"')) throw new Error(`error body carries a stack: ${text}`);
  return ErrorBodySchema.parse(JSON.parse(text)).error;
}
