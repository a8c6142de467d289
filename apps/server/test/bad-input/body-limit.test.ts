import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectHoistError } from "../support/bad-input-expect";
import { parseErrorBody, postJson } from "../support/bad-input-http";
import { freshUser, leftovers, nothingLeft, sessionRow } from "../support/bad-input-leftovers";
import { partFloor } from "../support/harness";
import { DATABASES, startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";

const BODY_LIMIT = 16 * 1024;
const numbered = (count: number) => Array.from({ length: count }, (_, i) => ({ partNumber: i + 1 }));

// A JSON body over the server's limit is refused by Fastify before tRPC runs, in tRPC's error shape.
describe.each(DATABASES)("bad input: request bodies over the limit (%s)", (database) => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(database, { bodyLimit: BODY_LIMIT });
  });
  afterAll(() => stack.close());

  /** A fresh user with a multipart upload of many planned parts (only numbers are sent, no bytes). */
  const manyParts = async () => {
    const user = freshUser("body");
    const client = await stack.api.client(user);
    const size = partFloor(stack.s3) * 2000;
    const created = await client.upload.create.mutate({ name: "many.bin", size, type: "application/octet-stream" });
    return { user, client, created };
  };

  it("signParts with a body over the limit (raw HTTP): 413 in tRPC's shape, PAYLOAD_TOO_LARGE/SIZE_OVER_LIMIT", async () => {
    const { user, created } = await manyParts();
    const body = { uploadId: created.uploadId, parts: numbered(2000) };
    expect(JSON.stringify(body).length).toBeGreaterThan(BODY_LIMIT);
    const res = await postJson(stack.api.url, "upload.signParts", body, { authorization: `Bearer ${await stack.api.token(user)}` });
    expect(res.status).toBe(413);
    const error = parseErrorBody(res);
    // tRPC's own number for PAYLOAD_TOO_LARGE, as the client's TRPCClientError reads it (not BAD_REQUEST's -32600).
    expect(error.code).toBe(TRPC_ERROR_CODES_BY_KEY.PAYLOAD_TOO_LARGE);
    expect(error.data).toMatchObject({ code: "PAYLOAD_TOO_LARGE", httpStatus: 413, hoistCode: "SIZE_OVER_LIMIT", path: "upload.signParts" });
    expect(error.message).toContain("size limit");
    expect((await sessionRow(stack, created.uploadId)).status).toBe("uploading");
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 1, objects: 0 });
  });

  it("the same through the typed client: a TRPCClientError with the codes, nothing signed", async () => {
    const { user, client, created } = await manyParts();
    const failure = await expectHoistError(
      client.upload.signParts.mutate({ uploadId: created.uploadId, parts: numbered(2000) }),
      "PAYLOAD_TOO_LARGE",
      "SIZE_OVER_LIMIT",
    );
    expect(failure.message).toContain("fewer parts");
    expect((await client.upload.listParts.query({ uploadId: created.uploadId })).parts).toEqual([]);
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 1, objects: 0 });
  });

  it("a batch just under the limit is signed (the limit is the body, not the procedure)", async () => {
    const { client, created } = await manyParts();
    const signed = await client.upload.signParts.mutate({ uploadId: created.uploadId, parts: numbered(200) });
    expect(signed.parts).toHaveLength(200);
  });

  it("upload.create with a body over the limit: 413, no session, no multipart upload", async () => {
    const user = freshUser("body");
    const padded = { name: "a.txt", size: 10, type: "text/plain", padding: "x".repeat(BODY_LIMIT) };
    const res = await postJson(stack.api.url, "upload.create", padded, { authorization: `Bearer ${await stack.api.token(user)}` });
    expect(res.status).toBe(413);
    expect(parseErrorBody(res).data).toMatchObject({ code: "PAYLOAD_TOO_LARGE", hoistCode: "SIZE_OVER_LIMIT", path: "upload.create" });
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
  });

  it("a body over the limit without a token is refused for its size, before anything else", async () => {
    const res = await postJson(stack.api.url, "upload.complete", { uploadId: "u", padding: "x".repeat(BODY_LIMIT) });
    expect(res.status).toBe(413);
    expect(parseErrorBody(res).data.hoistCode).toBe("SIZE_OVER_LIMIT");
  });
});
