import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRAFTED_CURSORS, expectHoistError, expectInvalidInput } from "../support/bad-input-expect";
import { freshUser, leftovers, sessionRow, untypedClient } from "../support/bad-input-leftovers";
import { partFloor } from "../support/harness";
import { DATABASES, startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";

const sha256OfEmpty = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
const numbered = (count: number) => Array.from({ length: count }, (_, i) => ({ partNumber: i + 1 }));

type Kind = "query" | "mutation";
/** [what, procedure, input for the session `id`, field named by zodError (undefined: whole object), text it must contain] */
type Case = [what: string, path: `${Kind}:${string}`, input: (id: string) => unknown, field: string | undefined, mention: string];

// The contract's own tables (upload-inputs.test.ts) for every procedure that takes an upload id, over HTTP.
const cases: Case[] = [
  ["signParts uploadId empty", "mutation:upload.signParts", () => ({ uploadId: "", parts: numbered(1) }), "uploadId", "must not be empty"],
  ["signParts uploadId of 201 chars", "mutation:upload.signParts", () => ({ uploadId: "u".repeat(201), parts: numbered(1) }), "uploadId", "at most 200"],
  ["signParts uploadId with a newline", "mutation:upload.signParts", () => ({ uploadId: "u\n1", parts: numbered(1) }), "uploadId", "control characters"],
  ["signParts part number 0", "mutation:upload.signParts", (id) => ({ uploadId: id, parts: [{ partNumber: 0 }] }), "parts", "at least 1"],
  ["signParts part number 10,001", "mutation:upload.signParts", (id) => ({ uploadId: id, parts: [{ partNumber: 10_001 }] }), "parts", "at most 10000"],
  ["signParts part number 1.5", "mutation:upload.signParts", (id) => ({ uploadId: id, parts: [{ partNumber: 1.5 }] }), "parts", "whole number (got 1.5)"],
  ["signParts part number a string", "mutation:upload.signParts", (id) => ({ uploadId: id, parts: [{ partNumber: "1" }] }), "parts", "partNumber must be"],
  ["signParts duplicate part numbers", "mutation:upload.signParts", (id) => ({ uploadId: id, parts: [{ partNumber: 2 }, { partNumber: 2 }] }), "parts", "2 is listed more than once"],
  ["signParts empty list", "mutation:upload.signParts", (id) => ({ uploadId: id, parts: [] }), "parts", "at least one part"],
  ["signParts 10,001 entries", "mutation:upload.signParts", (id) => ({ uploadId: id, parts: numbered(10_001) }), "parts", "at most 10000 parts"],
  ["signParts checksum of 43 chars", "mutation:upload.signParts", (id) => ({ uploadId: id, parts: [{ partNumber: 1, checksum: sha256OfEmpty.slice(1) }] }), "parts", "SHA-256"],
  ["signParts checksum in hex", "mutation:upload.signParts", (id) => ({ uploadId: id, parts: [{ partNumber: 1, checksum: "e3b0c442".repeat(8) }] }), "parts", "SHA-256"],
  ["signParts checksum with padding bits set", "mutation:upload.signParts", (id) => ({ uploadId: id, parts: [{ partNumber: 1, checksum: `${sha256OfEmpty.slice(0, 42)}V=` }] }), "parts", "SHA-256"],
  ["signParts unknown key in a part", "mutation:upload.signParts", (id) => ({ uploadId: id, parts: [{ partNumber: 1, length: 5 }] }), "parts", '"length"'],
  ["signParts unknown key", "mutation:upload.signParts", (id) => ({ uploadId: id, parts: numbered(1), extra: 1 }), undefined, '"extra"'],
  ["complete part number 0", "mutation:upload.complete", (id) => ({ uploadId: id, parts: [{ partNumber: 0, etag: '"e"' }] }), "parts", "at least 1"],
  ["complete etag missing", "mutation:upload.complete", (id) => ({ uploadId: id, parts: [{ partNumber: 1 }] }), "parts", "etag is required"],
  ["complete etag empty", "mutation:upload.complete", (id) => ({ uploadId: id, parts: [{ partNumber: 1, etag: "" }] }), "parts", "etag must not be empty"],
  ["complete duplicate parts", "mutation:upload.complete", (id) => ({ uploadId: id, parts: [{ partNumber: 1, etag: "a" }, { partNumber: 1, etag: "b" }] }), "parts", "more than once"],
  ["complete empty part list", "mutation:upload.complete", (id) => ({ uploadId: id, parts: [] }), "parts", "at least one part"],
  ["complete unknown key (a declared size)", "mutation:upload.complete", (id) => ({ uploadId: id, size: 5 }), undefined, '"size"'],
  ["complete uploadId missing", "mutation:upload.complete", () => ({}), "uploadId", "uploadId is required"],
  ["abort uploadId a number", "mutation:upload.abort", () => ({ uploadId: 5 }), "uploadId", "must be a string (got 5)"],
  ["abort unknown key", "mutation:upload.abort", (id) => ({ uploadId: id, force: true }), undefined, '"force"'],
  ["listParts cursor empty", "query:upload.listParts", (id) => ({ uploadId: id, cursor: "" }), "cursor", "must not be empty"],
  ["listParts cursor with a control char", "query:upload.listParts", (id) => ({ uploadId: id, cursor: "1\u0000" }), "cursor", "control characters"],
  ["listParts unknown key", "query:upload.listParts", (id) => ({ uploadId: id, page: 2 }), undefined, '"page"'],
  ["get unknown key (someone else's user id)", "query:upload.get", (id) => ({ uploadId: id, userId: "someone-else" }), undefined, '"userId"'],
  ["get uploadId missing", "query:upload.get", () => ({}), "uploadId", "uploadId is required"],
  ["list status other than uploading", "query:upload.list", () => ({ status: "complete" }), "status", 'only be "uploading"'],
  ["list limit 0", "query:upload.list", () => ({ limit: 0 }), "limit", "at least 1"],
  ["list limit 101", "query:upload.list", () => ({ limit: 101 }), "limit", "at most 100"],
  ["list limit 2.5", "query:upload.list", () => ({ limit: 2.5 }), "limit", "whole number"],
  ["list unknown key", "query:upload.list", () => ({ all: true }), undefined, '"all"'],
];

describe.each(DATABASES)("bad input: upload.* schema on a live session (%s)", (database) => {
  let stack: Stack;
  const user = freshUser("session-schema");
  let uploadId: string;

  const call = async (path: Case[1], input: unknown) => {
    const client = await untypedClient(stack, user);
    const [kind, name] = path.split(":") as [Kind, string];
    return kind === "query" ? client.query(name, input) : client.mutation(name, input);
  };

  /** The session is as it was made: uploading, its multipart upload open, no parts, nothing else. */
  const expectUntouched = async () => {
    expect((await sessionRow(stack, uploadId)).status).toBe("uploading");
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 1, objects: 0 });
    expect(await call("query:upload.listParts", { uploadId })).toEqual({ parts: [] });
  };

  beforeAll(async () => {
    stack = await startStack(database);
    const created = (await call("mutation:upload.create", { name: "a.bin", size: partFloor(stack.s3) * 3, type: "application/octet-stream" })) as { uploadId: string };
    uploadId = created.uploadId;
  });
  afterAll(() => stack.close());

  it.each(cases)("%s: BAD_REQUEST/INVALID_INPUT naming the field, session untouched", async (_what, path, input, field, mention) => {
    const failure = await expectInvalidInput(call(path, input(uploadId)), field, mention);
    expect(failure.message).toContain(field ?? mention.replaceAll('"', ""));
    await expectUntouched();
  });

  it("listParts with a cursor this API never issued: INVALID_INPUT saying so", async () => {
    const failure = await expectHoistError(call("query:upload.listParts", { uploadId, cursor: "page-two" }), "BAD_REQUEST", "INVALID_INPUT");
    expect(failure.message).toContain("cursor");
    await expectUntouched();
  });

  it("upload.list with a cursor this API never issued: INVALID_INPUT saying so", async () => {
    const failure = await expectHoistError(call("query:upload.list", { cursor: "not-a-cursor" }), "BAD_REQUEST", "INVALID_INPUT");
    expect(failure.message).toContain("cursor");
    await expectUntouched();
  });

  it.each(CRAFTED_CURSORS)("upload.list with a crafted cursor (%s): INVALID_INPUT, never a database error", async (_what, cursor) => {
    const failure = await expectHoistError(call("query:upload.list", { cursor }), "BAD_REQUEST", "INVALID_INPUT");
    expect(failure.message).toContain("without a cursor");
    await expectUntouched();
  });
});
