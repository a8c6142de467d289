import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headObject } from "@hoist/s3-core";
import { CRAFTED_CURSORS, expectHoistError, expectInvalidInput } from "../support/bad-input-expect";
import { freshUser, leftovers, untypedClient } from "../support/bad-input-leftovers";
import { DATABASES, startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";
import { testBytes, uploadFile } from "../support/upload";

type Kind = "query" | "mutation";
/** [what, procedure, input for the file `id`, field named by zodError (undefined: whole object), text it must contain] */
type Case = [what: string, path: `${Kind}:${string}`, input: (id: string) => unknown, field: string | undefined, mention: string];

// The contract's own table (files-inputs.test.ts), over HTTP, next to a real file that must survive each call.
const cases: Case[] = [
  ["list limit 0", "query:files.list", () => ({ limit: 0 }), "limit", "at least 1 (got 0)"],
  ["list limit 101", "query:files.list", () => ({ limit: 101 }), "limit", "at most 100 (got 101)"],
  ["list limit fractional", "query:files.list", () => ({ limit: 1.5 }), "limit", "whole number"],
  ["list limit a string", "query:files.list", () => ({ limit: "10" }), "limit", "limit must be"],
  ["list cursor empty", "query:files.list", () => ({ cursor: "" }), "cursor", "must not be empty"],
  ["list cursor with a control char", "query:files.list", () => ({ cursor: "a\u0000" }), "cursor", "control characters"],
  ["list cursor of 1,025 chars", "query:files.list", () => ({ cursor: "c".repeat(1025) }), "cursor", "at most 1024"],
  ["list unknown key (another user's id)", "query:files.list", () => ({ userId: "other" }), undefined, '"userId"'],
  ["get id empty", "query:files.get", () => ({ id: "" }), "id", "must not be empty"],
  ["get id of 201 chars", "query:files.get", () => ({ id: "f".repeat(201) }), "id", "at most 200"],
  ["get id with a C1 control", "query:files.get", () => ({ id: "f\u0085" }), "id", "control characters"],
  ["get id missing", "query:files.get", () => ({}), "id", "id is required"],
  ["get unknown key (a storage key)", "query:files.get", (id) => ({ id, key: "x" }), undefined, '"key"'],
  ["downloadUrl disposition unknown", "mutation:files.downloadUrl", (id) => ({ id, disposition: "download" }), "disposition", '"inline" or "attachment"'],
  ["downloadUrl unknown key (a longer expiry)", "mutation:files.downloadUrl", (id) => ({ id, expiresIn: 3600 }), undefined, '"expiresIn"'],
  ["downloadUrl id a number", "mutation:files.downloadUrl", () => ({ id: 7 }), "id", "must be a string (got 7)"],
  ["delete id a number", "mutation:files.delete", () => ({ id: 1 }), "id", "must be a string (got 1)"],
  ["delete id empty", "mutation:files.delete", () => ({ id: "" }), "id", "must not be empty"],
  ["delete unknown key (delete them all)", "mutation:files.delete", (id) => ({ id, all: true }), undefined, '"all"'],
];

describe.each(DATABASES)("bad input: files.* schema (%s)", (database) => {
  let stack: Stack;
  const user = freshUser("files-schema");
  let file: { id: string; key: string };

  const call = async (path: Case[1], input: unknown) => {
    const client = await untypedClient(stack, user);
    const [kind, name] = path.split(":") as [Kind, string];
    return kind === "query" ? client.query(name, input) : client.mutation(name, input);
  };

  /** The one file is still there, in the database and in storage, and nothing was added. */
  const expectFileKept = async () => {
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 1, multipartUploads: 0, objects: 1 });
    const { client, bucket } = stack.api.server.deps.storage;
    expect((await headObject(client, { bucket, key: file.key }))?.size).toBe(64);
  };

  beforeAll(async () => {
    stack = await startStack(database);
    const { record } = await uploadFile(await stack.api.client(user), { name: "keep.txt", type: "text/plain", bytes: testBytes(64) });
    file = record;
  });
  afterAll(() => stack.close());

  it.each(cases)("%s: BAD_REQUEST/INVALID_INPUT naming the field, the file kept", async (_what, path, input, field, mention) => {
    const failure = await expectInvalidInput(call(path, input(file.id)), field, mention);
    expect(failure.message).toContain(field ?? mention.replaceAll('"', ""));
    await expectFileKept();
  });

  it("list with a well-formed cursor this API never issued: INVALID_INPUT naming the cursor", async () => {
    const failure = await expectHoistError(call("query:files.list", { cursor: "eyJub3QiOiJhIGN1cnNvciJ9" }), "BAD_REQUEST", "INVALID_INPUT");
    expect(failure.message).toContain("cursor");
    expect(failure.data.zodError).toBeNull();
    await expectFileKept();
  });

  it.each(CRAFTED_CURSORS)("list with a crafted cursor (%s): INVALID_INPUT, never a database error", async (_what, cursor) => {
    const failure = await expectHoistError(call("query:files.list", { cursor }), "BAD_REQUEST", "INVALID_INPUT");
    expect(failure.message).toContain("without a cursor");
    await expectFileKept();
  });
});
