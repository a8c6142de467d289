import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectHoistError, expectInvalidInput } from "../support/bad-input-expect";
import { freshUser, leftovers, nothingLeft, untypedClient } from "../support/bad-input-leftovers";
import { DATABASES, startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";

const ok = { name: "report.pdf", size: 1024, type: "application/pdf" };

/** [what, input, field named by zodError (undefined: the whole object), text the message must contain] */
type Case = [what: string, input: Record<string, unknown>, field: string | undefined, mention: string];

// The contract's own table (packages/contract/src/schemas/upload-inputs.test.ts), sent over HTTP.
const cases: Case[] = [
  ["size negative", { ...ok, size: -1 }, "size", "at least 0"],
  ["size fractional", { ...ok, size: 1.5 }, "size", "whole number of bytes"],
  ["size above 2^53-1", { ...ok, size: 2 ** 53 }, "size", `at most ${Number.MAX_SAFE_INTEGER}`],
  ["size a string", { ...ok, size: "1024" }, "size", "whole number of bytes"],
  ["size NaN (null on the wire)", { ...ok, size: Number.NaN }, "size", "size must be"],
  ["size missing", { name: "a.txt", type: "text/plain" }, "size", "size is required"],
  ["name empty", { ...ok, name: "" }, "name", "must not be empty"],
  ["name of 256 UTF-8 bytes", { ...ok, name: "é".repeat(128) }, "name", "at most 255 bytes"],
  ["name with a lone surrogate", { ...ok, name: "a\ud83d.pdf" }, "name", "lone surrogate U+D83D"],
  ["name with a C0 control", { ...ok, name: "a\u0007.pdf" }, "name", "control characters (U+0007"],
  ["name with DEL", { ...ok, name: "a\u007f.pdf" }, "name", "U+007F"],
  ["name with a C1 control", { ...ok, name: "a\u0085.pdf" }, "name", "U+0085"],
  ["name with RLO", { ...ok, name: "invoice\u202efdp.exe" }, "name", "bidirectional control characters (U+202E"],
  ["name with an isolate", { ...ok, name: "a\u2066b" }, "name", "U+2066"],
  ['name "/"', { ...ok, name: "/" }, "name", "more than dots and slashes"],
  ['name "\\"', { ...ok, name: "\\" }, "name", "more than dots and slashes"],
  ['name "."', { ...ok, name: "." }, "name", "more than dots and slashes"],
  ['name ".."', { ...ok, name: ".." }, "name", "more than dots and slashes"],
  ["name not a string", { ...ok, name: 1 }, "name", "name must be a string"],
  ["type without subtype", { ...ok, type: "pdf" }, "type", "MIME type"],
  ["type empty", { ...ok, type: "" }, "type", "MIME type"],
  ["type wildcard", { ...ok, type: "image/*" }, "type", "MIME type"],
  ["type with a bad parameter", { ...ok, type: "text/plain; charset" }, "type", "MIME type"],
  ["route with a slash", { ...ok, route: "a/b" }, "route", "route must be"],
  ["route empty", { ...ok, route: "" }, "route", "route must be"],
  ["checksum mode unknown", { ...ok, checksum: "md5" }, "checksum", '"sha256" or "none"'],
  ["lastModified fractional", { ...ok, lastModified: 1.5 }, "lastModified", "lastModified must be"],
  ["an unknown key (a client-chosen key)", { ...ok, key: "default/someone/x" }, undefined, '"key"'],
];

describe.each(DATABASES)("bad input: upload.create schema (%s)", (database) => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(database);
  });
  afterAll(() => stack.close());

  it.each(cases)("%s: BAD_REQUEST/INVALID_INPUT naming the field, nothing created", async (_what, input, field, mention) => {
    const user = freshUser("create-schema");
    const client = await untypedClient(stack, user);
    const failure = await expectInvalidInput(client.mutation("upload.create", input), field, mention);
    expect(failure.message).toContain(field ?? "key");
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
  });

  it("reports every bad field at once, each under its own name", async () => {
    const user = freshUser("create-schema");
    const client = await untypedClient(stack, user);
    const failure = await expectInvalidInput(client.mutation("upload.create", { name: "", size: -1, type: "x" }), "name");
    expect(Object.keys(failure.data.zodError?.fieldErrors ?? {}).sort()).toEqual(["name", "size", "type"]);
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
  });

  it("an unknown route: NOT_FOUND naming the route and the known ones, nothing created", async () => {
    const user = freshUser("create-schema");
    const client = await untypedClient(stack, user);
    const failure = await expectHoistError(client.mutation("upload.create", { ...ok, route: "videos" }), "NOT_FOUND", "NOT_FOUND");
    expect(failure.message).toContain('"videos"');
    expect(failure.message).toContain("default");
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
  });

  it("the same input without the fault is accepted (the cases fail for their fault alone)", async () => {
    const user = freshUser("create-schema");
    const client = await untypedClient(stack, user);
    await client.mutation("upload.create", ok);
    expect((await leftovers(stack, user)).sessions).toBe(1);
  });
});
