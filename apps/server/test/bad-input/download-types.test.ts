import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshUser } from "../support/bad-input-leftovers";
import { rawRequest } from "@hoist/local-s3/testing";
import { DATABASES, startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";
import { uploadFile } from "../support/upload";

const script = Buffer.from("<script>fetch('/steal?c=' + document.cookie)</script>");
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>');
const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

/** [what, name, declared type, bytes, route] */
type Case = [what: string, name: string, type: string, bytes: Buffer, route?: string];

const scriptable: Case[] = [
  ["an HTML page", "page.html", "text/html", script],
  ["an HTML page with parameters", "page.htm", "Text/HTML; charset=utf-8", script],
  ["an SVG image with a script", "logo.svg", "image/svg+xml", svg],
  ["an XHTML document", "a.xhtml", "application/xhtml+xml", script],
  ["JavaScript", "a.js", "text/javascript", script],
];

// A stored file is opened from the storage origin: a scriptable one shown inline would run there as the viewer.
describe.each(DATABASES)("bad input: stored files served to the people who open them (%s)", (database) => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(database);
  });
  afterAll(() => stack.close());

  /** Uploads through the API, asks for a download URL and GETs it from the store: the headers the browser gets. */
  const served = async ([, name, type, bytes, route]: Case, disposition: "inline" | "attachment") => {
    const client = await stack.api.client(freshUser("dl"));
    const { record } = await uploadFile(client, { name, type, bytes, ...(route && { route }) });
    const { url } = await client.files.downloadUrl.mutate({ id: record.id, disposition });
    const res = await rawRequest(url, { method: "GET" });
    expect(res.status).toBe(200);
    expect(res.body.equals(bytes)).toBe(true);
    return { disposition: String(res.headers["content-disposition"]), type: String(res.headers["content-type"]) };
  };

  it.each(scriptable)("%s asked for inline: served as an attachment of application/octet-stream", async (...c) => {
    const got = await served(c, "inline");
    expect(got.disposition).toMatch(/^attachment; /);
    expect(got.disposition).toContain(c[1]);
    expect(got.type).toBe("application/octet-stream");
  });

  it.each<Case>([
    ["a PNG", "p.png", "image/png", png, "image"],
    ["plain text", "notes.txt", "text/plain; charset=utf-8", Buffer.from("hello")],
    ["a PDF", "a.pdf", "application/pdf", Buffer.from("%PDF-1.7\n%%EOF\n")],
  ])("%s may still open inline with its own type", async (...c) => {
    const got = await served(c, "inline");
    expect(got.disposition).toMatch(/^inline; /);
    expect(got.type).toBe(c[2]);
  });
});
