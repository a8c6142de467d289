import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTRPCClient, httpLink } from "@trpc/client";
import { issueToken } from "@hoist/api";
import type { AppRouter } from "@hoist/api";
import { TEST_SECRET } from "@hoist/api/testing";
import { startLocalS3 } from "@hoist/local-s3";
import type { LocalS3 } from "@hoist/local-s3";
import { rawRequest } from "@hoist/local-s3/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMainProcess } from "./support/main-process";
import type { MainProcess } from "./support/main-process";
import { putSigned } from "./support/http";
import { testBytes } from "./support/upload";

// Temporary credentials as STS issues them: local-s3 refuses this key without its token, or with another token.
const temporary = { accessKeyId: "ASIAHOISTTEST", secretAccessKey: "temporary-secret-0123456789abcdef", sessionToken: "session-token-for-hoist" };
const BUCKET = "hoist-temporary";

let store: LocalS3;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hoist-session-"));
  store = await startLocalS3({ dataDir: join(dir, "s3"), credentials: temporary, buckets: [BUCKET] });
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** The server as a process on that store with no HOIST_S3_* keys: its credentials come from the AWS default chain. */
async function startServer(name: string, credentialEnv: Record<string, string>): Promise<{ main: MainProcess; url: string }> {
  const main = startMainProcess({
    HOIST_PORT: "0",
    HOIST_DATA_DIR: join(dir, name),
    HOIST_S3_ENDPOINT: store.endpoint,
    HOIST_S3_PROVIDER: "local",
    HOIST_S3_BUCKET: BUCKET,
    HOIST_JWT_SECRET: TEST_SECRET,
    HOIST_LOG_LEVEL: "silent",
    AWS_EC2_METADATA_DISABLED: "true",
    ...credentialEnv,
  });
  const output = await main.waitFor(/Hoist API\s+\S+\/trpc/);
  return { main, url: /Hoist API\s+(http:\/\/[^/\s]+)\/trpc/.exec(output)![1]! };
}

async function client(url: string) {
  const token = await issueToken(TEST_SECRET, "temp-user", 600);
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })] });
}

describe("temporary credentials from the AWS default chain (session token)", () => {
  it("AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN: upload and download through presigned URLs carrying the token", async () => {
    const { main, url } = await startServer("env", {
      AWS_ACCESS_KEY_ID: temporary.accessKeyId,
      AWS_SECRET_ACCESS_KEY: temporary.secretAccessKey,
      AWS_SESSION_TOKEN: temporary.sessionToken,
    });
    try {
      const api = await client(url);
      const bytes = testBytes(4096);
      const created = await api.upload.create.mutate({ name: "temp.bin", size: bytes.length, type: "application/octet-stream" });
      expect(new URL(created.single!.url).searchParams.get("X-Amz-Security-Token")).toBe(temporary.sessionToken);
      expect((await putSigned(created.single!, bytes)).status).toBe(200);
      const { file } = await api.upload.complete.mutate({ uploadId: created.uploadId });
      const download = await api.files.downloadUrl.mutate({ id: file.id });
      const got = await rawRequest(download.url, { method: "GET" });
      expect(got.status).toBe(200);
      expect(Buffer.compare(got.body, bytes)).toBe(0);
    } catch (error) {
      throw new Error(`${String(error)}\n--- server output ---\n${main.output()}`, { cause: error });
    } finally {
      await main.stop();
    }
  });

  it("a shared credentials file (AWS_SHARED_CREDENTIALS_FILE) whose token is wrong: storage refuses the signed PUT and /readyz says so", async () => {
    const file = join(dir, "credentials");
    const profile = `[default]\naws_access_key_id = ${temporary.accessKeyId}\naws_secret_access_key = ${temporary.secretAccessKey}\naws_session_token = not-the-token\n`;
    await writeFile(file, profile);
    const { main, url } = await startServer("file", { AWS_SHARED_CREDENTIALS_FILE: file, AWS_CONFIG_FILE: join(dir, "no-config") });
    try {
      const api = await client(url);
      const bytes = testBytes(1024);
      const created = await api.upload.create.mutate({ name: "refused.bin", size: bytes.length, type: "application/octet-stream" });
      const put = await putSigned(created.single!, bytes);
      expect({ status: put.status, code: /<Code>(\w+)<\/Code>/.exec(put.body)?.[1] }).toEqual({ status: 400, code: "InvalidToken" });
      expect((await rawRequest(`${url}/readyz`, { method: "GET" })).status).toBe(503);
    } finally {
      await main.stop();
    }
  });
});
