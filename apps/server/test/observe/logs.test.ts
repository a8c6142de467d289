import { createTRPCClient, httpLink } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "@hoist/api";
import { createLogger } from "../../src/logger";
import { partFloor } from "../support/harness";
import { rawRequest } from "@hoist/local-s3/testing";
import { startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";
import { putParts, testBytes } from "../support/upload";

/** A pino destination that keeps every line, parsed. */
function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) }, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** Nothing that grants access may reach a log line: the token, a signature, a credential, a presigned query. */
function expectNoSecrets(lines: string[], secrets: string[]): void {
  for (const line of lines) {
    expect(line).not.toMatch(/x-amz-signature|x-amz-credential/i);
    for (const secret of secrets) expect(line).not.toContain(secret);
  }
}

describe("logs of a real server", () => {
  let stack: Stack;
  const log = capture();

  beforeAll(async () => {
    // trace: every line Fastify and the API can write, so none can hide a secret at a quieter level.
    stack = await startStack("pglite", { logLevel: "trace", logStream: log.stream });
  });
  afterAll(() => stack.close());

  it("a whole upload and download: reqId and uploadId on every procedure line, no token or URL query anywhere", async () => {
    const token = await stack.api.token("logged");
    const client = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${stack.api.url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
    });
    const bytes = testBytes(partFloor(stack.s3) * 2);
    const created = await client.upload.create.mutate({ name: "logged.bin", size: bytes.length, type: "application/octet-stream" });
    await putParts(client, created, bytes);
    expect((await client.upload.get.query({ uploadId: created.uploadId })).status).toBe("uploading");
    const { file } = await client.upload.complete.mutate({ uploadId: created.uploadId });
    const download = await client.files.downloadUrl.mutate({ id: file.id });
    expect((await rawRequest(download.url, { method: "GET" })).status).toBe(200);
    await expect(client.upload.abort.mutate({ uploadId: created.uploadId })).rejects.toMatchObject({ data: { hoistCode: "NOT_UPLOADING" } });

    const query = new URL(download.url).search.slice(1);
    expectNoSecrets(log.lines, [token, query, token.split(".")[2]!]);
    const lines = log.parsed();
    for (const line of lines.filter((l) => typeof l.procedure === "string")) expect(line.reqId).toBeTypeOf("string");
    const uploadLines = lines.filter((l) => typeof l.procedure === "string" && l.procedure.startsWith("upload."));
    expect(new Set(uploadLines.map((l) => l.procedure))).toEqual(
      new Set(["upload.create", "upload.signParts", "upload.get", "upload.complete", "upload.abort"]),
    );
    for (const line of uploadLines) expect(line.uploadId).toBe(created.uploadId);
    expect(lines.find((l) => l.procedure === "upload.abort")).toMatchObject({ hoistCode: "NOT_UPLOADING", msg: "procedure refused" });
    expect(lines.find((l) => l.procedure === "files.downloadUrl")).toMatchObject({ fileId: file.id, msg: "procedure done" });
    // Fastify's own request lines carry the same ids, and URLs without their query (tRPC GETs carry input there).
    const requests = lines.filter((l) => l.req !== undefined);
    expect(requests.length).toBeGreaterThan(0);
    for (const line of requests) expect((line.req as { url: string }).url).not.toMatch(/\?(?!\[redacted\])/);
  });

  it("a plain x-request-id is kept, echoed and logged; anything else is replaced by a fresh id", async () => {
    const routes = `${stack.api.url}/trpc/upload.routes`;
    const kept = await rawRequest(routes, { method: "GET", headers: { "x-request-id": "lb-7f3a.42" } });
    expect(kept.headers["x-request-id"]).toBe("lb-7f3a.42");
    expect(log.parsed().find((l) => l.reqId === "lb-7f3a.42" && l.procedure === "upload.routes")).toMatchObject({ hoistCode: "UNAUTHORIZED" });
    const odd = await rawRequest(routes, { method: "GET", headers: { "x-request-id": "a b\"c" } });
    expect(odd.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const fresh = await rawRequest(`${stack.api.url}/healthz`, { method: "GET" });
    expect(fresh.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.headers["x-request-id"]).not.toBe(odd.headers["x-request-id"]);
    // Probes log only their warnings, whatever the level: they come every few seconds.
    expect(log.parsed().some((l) => l.reqId === fresh.headers["x-request-id"])).toBe(false);
  });
});

describe("the logger's redaction", () => {
  it("censors authorization headers and strips URL queries from errors and their causes", () => {
    const log = capture();
    const logger = createLogger("info", log.stream);
    const presigned = "https://s3.example/b/k?X-Amz-Credential=AKIA%2F20260101&X-Amz-Signature=deadbeef";
    const cause = new Error(`PUT ${presigned} failed`);
    logger.error({ err: new Error("complete failed", { cause }), headers: { authorization: "Bearer sekrit" } }, "internal error");
    expectNoSecrets(log.lines, ["sekrit", "deadbeef", "AKIA"]);
    expect(log.parsed()[0]).toMatchObject({
      headers: { authorization: "[redacted]" },
      err: { message: "complete failed", cause: { message: "PUT https://s3.example/b/k?[redacted] failed" } },
    });
  });
});
