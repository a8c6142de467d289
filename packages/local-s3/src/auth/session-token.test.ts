import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, PutObjectCommand, S3ServiceException } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalS3 } from "../server";
import { makeS3Client } from "../testing/s3-client";
import type { LocalS3 } from "../types";

const temporary = { accessKeyId: "ASIATEMPORARYKEY", secretAccessKey: "temporary-secret-0123456789", sessionToken: "the-session-token" };
const longLived = { accessKeyId: "AKIALONGLIVED", secretAccessKey: "long-lived-secret-0123456789" };

let store: LocalS3;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "local-s3-tokens-"));
  store = await startLocalS3({ dataDir, credentials: [temporary, longLived], buckets: ["tokens"] });
});
afterAll(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

const client = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  makeS3Client({ endpoint: store.endpoint, region: "us-east-1", credentials });

/** Status and code of a refused call. */
async function refusal(call: Promise<unknown>): Promise<{ status?: number; code: string }> {
  const error = await call.then(() => new Error("accepted"), (e: unknown) => e);
  if (!(error instanceof S3ServiceException)) throw error;
  return { status: error.$metadata.httpStatusCode, code: error.name };
}

describe("session tokens (temporary credentials)", () => {
  it("a request with the key's token (signed x-amz-security-token header) is served", async () => {
    await client(temporary).send(new PutObjectCommand({ Bucket: "tokens", Key: "k", Body: "hello" }));
    const got = await client(temporary).send(new GetObjectCommand({ Bucket: "tokens", Key: "k" }));
    expect(await got.Body?.transformToString()).toBe("hello");
  });

  it("a presigned URL carries the token in its query and works", async () => {
    const url = await getSignedUrl(client(temporary), new GetObjectCommand({ Bucket: "tokens", Key: "k" }), { expiresIn: 60 });
    expect(new URL(url).searchParams.get("X-Amz-Security-Token")).toBe(temporary.sessionToken);
    expect(await (await fetch(url)).text()).toBe("hello");
  });

  it("the temporary key without its token is 403 InvalidAccessKeyId, as AWS answers", async () => {
    const { sessionToken: _, ...keysOnly } = temporary;
    expect(await refusal(client(keysOnly).send(new GetObjectCommand({ Bucket: "tokens", Key: "k" })))).toEqual({ status: 403, code: "InvalidAccessKeyId" });
  });

  it("a wrong token is 400 InvalidToken, in a header or a presigned URL", async () => {
    const wrong = { ...temporary, sessionToken: "not-the-session-token" };
    expect(await refusal(client(wrong).send(new GetObjectCommand({ Bucket: "tokens", Key: "k" })))).toEqual({ status: 400, code: "InvalidToken" });
    const url = await getSignedUrl(client(wrong), new GetObjectCommand({ Bucket: "tokens", Key: "k" }), { expiresIn: 60 });
    const res = await fetch(url);
    expect({ status: res.status, body: await res.text() }).toMatchObject({ status: 400, body: expect.stringContaining("<Code>InvalidToken</Code>") as unknown });
  });

  it("a token with a long-lived key is 400 InvalidToken; the key alone is served", async () => {
    const withToken = { ...longLived, sessionToken: "the-session-token" };
    expect(await refusal(client(withToken).send(new GetObjectCommand({ Bucket: "tokens", Key: "k" })))).toEqual({ status: 400, code: "InvalidToken" });
    expect((await client(longLived).send(new GetObjectCommand({ Bucket: "tokens", Key: "k" }))).ContentLength).toBe(5);
  });
});
