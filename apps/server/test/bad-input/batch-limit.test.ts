import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "@hoist/api";
import { parseErrorBody } from "../support/bad-input-http";
import { freshUser, leftovers, nothingLeft } from "../support/bad-input-leftovers";
import { partFloor } from "../support/harness";
import { rawRequest } from "@hoist/local-s3/testing";
import { DATABASES, startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";
import { storageCalls } from "../support/storage-calls";
import { putParts, testBytes } from "../support/upload";

const DEFAULT_MAX_BATCH = 10;
const create = (i: number) => ({ name: `f${i}.txt`, size: 10, type: "text/plain" });

// One HTTP request does a bounded amount of work: at most HOIST_MAX_BATCH calls, and upload.list asks only the DB.
describe.each(DATABASES)("bad input: work per HTTP request (%s)", (database) => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(database);
  });
  afterAll(() => stack.close());

  const batchUrl = (paths: string[]) => `${stack.api.url}/trpc/${paths.join(",")}?batch=1`;

  it(`a POST batching ${DEFAULT_MAX_BATCH + 1} upload.create calls: 400 BAD_REQUEST/INVALID_INPUT naming HOIST_MAX_BATCH, nothing created`, async () => {
    const user = freshUser("batch");
    const calls = Array.from({ length: DEFAULT_MAX_BATCH + 1 }, (_, i) => create(i));
    const res = await rawRequest(batchUrl(calls.map(() => "upload.create")), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await stack.api.token(user)}` },
      body: Buffer.from(JSON.stringify(Object.fromEntries(calls.map((input, i) => [i, input])))),
    });
    expect(res.status).toBe(400);
    const error = parseErrorBody(res);
    expect(error.data).toMatchObject({ code: "BAD_REQUEST", hoistCode: "INVALID_INPUT" });
    expect(error.message).toContain("HOIST_MAX_BATCH");
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
  });

  it(`a batched GET of ${DEFAULT_MAX_BATCH + 1} upload.list calls is refused without asking storage`, async () => {
    const user = freshUser("batch");
    const paths = Array.from({ length: DEFAULT_MAX_BATCH + 1 }, () => "upload.list");
    const input = encodeURIComponent(JSON.stringify(Object.fromEntries(paths.map((_, i) => [i, {}]))));
    const { client } = stack.api.server.deps.storage;
    const calls = await storageCalls(client, async () => {
      const res = await rawRequest(`${batchUrl(paths)}&input=${input}`, { method: "GET", headers: { authorization: `Bearer ${await stack.api.token(user)}` } });
      expect(res.status).toBe(400);
    });
    expect(calls).toEqual([]);
  });

  it(`the web app's httpBatchLink (maxItems ${DEFAULT_MAX_BATCH}) still batches: ${DEFAULT_MAX_BATCH * 2} creates at once all succeed`, async () => {
    const user = freshUser("batch");
    const authorization = `Bearer ${await stack.api.token(user)}`;
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${stack.api.url}/trpc`, maxItems: DEFAULT_MAX_BATCH, headers: { authorization } })],
    });
    const created = await Promise.all(Array.from({ length: DEFAULT_MAX_BATCH * 2 }, (_, i) => client.upload.create.mutate(create(i))));
    expect(new Set(created.map((c) => c.uploadId)).size).toBe(DEFAULT_MAX_BATCH * 2);
  });

  it("upload.list answers from the database: no storage call however many parts its sessions hold", async () => {
    const user = freshUser("list");
    const client = await stack.api.client(user);
    const floor = partFloor(stack.s3);
    for (const name of ["a.bin", "b.bin", "c.bin"]) {
      const bytes = testBytes(floor * 3);
      const created = await client.upload.create.mutate({ name, size: bytes.length, type: "application/octet-stream" });
      await putParts(client, created, bytes, { skip: [3] });
    }
    let listed: Awaited<ReturnType<typeof client.upload.list.query>> | undefined;
    const calls = await storageCalls(stack.api.server.deps.storage.client, async () => {
      listed = await client.upload.list.query({ status: "uploading" });
    });
    expect(calls).toEqual([]);
    expect(listed?.items.map((item) => item.name).sort()).toEqual(["a.bin", "b.bin", "c.bin"]);
    expect(listed?.items[0]).not.toHaveProperty("bytesConfirmed");
    const one = listed!.items[0]!;
    expect((await client.upload.get.query({ uploadId: one.uploadId })).bytesConfirmed).toBe(floor * 2);
  });
});
