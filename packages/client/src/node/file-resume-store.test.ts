import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ResumeRecord } from "../types";
import { fileResumeStore } from "./file-resume-store";

const fp = (c: string) => c.repeat(64);
const record = (fingerprint: string): ResumeRecord => ({
  fingerprint, uploadId: `u-${fingerprint.slice(0, 4)}`, name: "a.bin", size: 10, route: "default",
});

describe("fileResumeStore", () => {
  let dir: string;
  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), "hoist-resume-")), "nested");
  });
  afterEach(() => rm(join(dir, ".."), { recursive: true, force: true }));

  it("sets, gets, lists and deletes records, one JSON file each", async () => {
    const store = fileResumeStore(dir);
    expect(await store.list()).toEqual([]);
    await store.set(fp("a"), record(fp("a")));
    await store.set(fp("b"), record(fp("b")));
    expect(await store.get(fp("a"))).toEqual(record(fp("a")));
    expect((await store.list()).map((r) => r.fingerprint).sort()).toEqual([fp("a"), fp("b")]);
    await store.delete(fp("a"));
    await store.delete(fp("a"));
    expect(await store.get(fp("a"))).toBeUndefined();
    expect(await readdir(dir)).toEqual([`${fp("b")}.json`]);
  });

  it("writes through a temp file and rename, leaving no temp files behind", async () => {
    const store = fileResumeStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(fp("c"), { ...record(fp("c")), size: i })));
    expect(await readdir(dir)).toEqual([`${fp("c")}.json`]);
    expect((await store.get(fp("c")))?.fingerprint).toBe(fp("c"));
  });

  it("treats a torn file as no record and refuses non-fingerprint keys", async () => {
    const store = fileResumeStore(dir);
    await store.set(fp("d"), record(fp("d")));
    await writeFile(join(dir, `${fp("d")}.json`), '{"fingerprint":');
    expect(await store.get(fp("d"))).toBeUndefined();
    await expect(store.get("../../etc/passwd")).rejects.toThrow("not a fingerprint");
  });

  it("still reads records written by older versions, which carried partSize, partCount and createdAt", async () => {
    const store = fileResumeStore(dir);
    await store.set(fp("e"), record(fp("e")));
    const older = { ...record(fp("e")), partSize: 5, partCount: 2, createdAt: new Date(0).toISOString() };
    await writeFile(join(dir, `${fp("e")}.json`), JSON.stringify(older));
    expect(await store.get(fp("e"))).toMatchObject(record(fp("e")));
    expect(await store.list()).toMatchObject([record(fp("e"))]);
  });
});
