import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { DownloadUrlInputSchema, FileIdInputSchema, ListFilesInputSchema } from "./files.js";

type Row = [description: string, schema: z.ZodType, input: unknown, path: (string | number)[]];

const rejected: Row[] = [
  ["files.list limit 0", ListFilesInputSchema, { limit: 0 }, ["limit"]],
  ["files.list limit 101", ListFilesInputSchema, { limit: 101 }, ["limit"]],
  ["files.list limit fractional", ListFilesInputSchema, { limit: 1.5 }, ["limit"]],
  ["files.list limit a string", ListFilesInputSchema, { limit: "10" }, ["limit"]],
  ["files.list cursor empty", ListFilesInputSchema, { cursor: "" }, ["cursor"]],
  ["files.list cursor with a control char", ListFilesInputSchema, { cursor: "a\u0000" }, ["cursor"]],
  ["files.list unknown key", ListFilesInputSchema, { userId: "other" }, []],
  ["files.get id empty", FileIdInputSchema, { id: "" }, ["id"]],
  ["files.get id of 201 chars", FileIdInputSchema, { id: "f".repeat(201) }, ["id"]],
  ["files.get id with a C1 control", FileIdInputSchema, { id: "f\u0085" }, ["id"]],
  ["files.get id missing", FileIdInputSchema, {}, ["id"]],
  ["files.get unknown key", FileIdInputSchema, { id: "f", key: "x" }, []],
  ["files.downloadUrl disposition unknown", DownloadUrlInputSchema, { id: "f", disposition: "download" }, ["disposition"]],
  ["files.downloadUrl unknown key", DownloadUrlInputSchema, { id: "f", expiresIn: 3600 }, []],
  ["files.delete id a number", FileIdInputSchema, { id: 1 }, ["id"]],
];

describe("files.* inputs refuse", () => {
  it.each(rejected)("%s", (_description, schema, input, path) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });
});

describe("files.* inputs accept", () => {
  it.each<[string, z.ZodType, unknown]>([
    ["files.list without arguments", ListFilesInputSchema, {}],
    ["files.list with a cursor and limit", ListFilesInputSchema, { cursor: "opaque", limit: 1 }],
    ["files.get a 200-char id", FileIdInputSchema, { id: "f".repeat(200) }],
    ["files.downloadUrl attachment", DownloadUrlInputSchema, { id: "f", disposition: "attachment" }],
    ["files.downloadUrl inline", DownloadUrlInputSchema, { id: "f", disposition: "inline" }],
  ])("%s", (_description, schema, input) => {
    expect(schema.safeParse(input).error).toBeUndefined();
  });

  it("pages 20 files when no limit is given", () => {
    expect(ListFilesInputSchema.parse({})).toEqual({ limit: 20 });
  });
});
