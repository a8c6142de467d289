import { afterAll, beforeAll, expect, it } from "vitest";
import type { ProxiedRequest } from "@hoist/server/testing";
import { MiB, oneMiBParts, startFaultStack } from "../support/fault-stack";
import type { FaultStack } from "../support/fault-stack";
import { sha256Of, tempDir, writeRandomFile } from "@hoist/client/testing";
import { startUploadProcess } from "../support/upload-process";
import type { ChildEvent, UploadProcess } from "../support/upload-process";

const PARTS = 40;

let stack: FaultStack;
let tmp: Awaited<ReturnType<typeof tempDir>>;
/** Every request the proxy saw, in order: part PUTs carry `partNumber` and S3's `uploadId` in their query. */
const seen: ProxiedRequest[] = [];
const children: UploadProcess[] = [];

beforeAll(async () => {
  stack = await startFaultStack({
    proxy: { onRequest: (request) => seen.push(request) },
    routes: oneMiBParts,
  });
  tmp = await tempDir("hoist-resume-");
});
afterAll(async () => {
  // A failed assertion must not leave an upload process running.
  await Promise.all(children.map((child) => child.kill()));
  // Temp files first: a stack that fails to close must not leave 100 MiB behind.
  await tmp.remove();
  await stack.close();
});

/** Part PUTs among `requests`: part number and S3 upload id of each. */
function partPuts(requests: ProxiedRequest[]) {
  return requests
    .filter((r) => r.method === "PUT" && r.path.includes("partNumber="))
    .map((r) => {
      const query = new URL(r.path, "http://proxy").searchParams;
      return { partNumber: Number(query.get("partNumber")), s3UploadId: query.get("uploadId") };
    });
}

async function storedParts(uploadId: string): Promise<number[]> {
  const client = await stack.api.client("carol");
  const numbers: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.upload.listParts.query({ uploadId, ...(cursor && { cursor }) });
    numbers.push(...page.parts.map((p) => p.partNumber));
    cursor = page.nextCursor;
  } while (cursor);
  return numbers.sort((a, b) => a - b);
}

const isPart = (e: ChildEvent): e is Extract<ChildEvent, { event: "part" }> => e.event === "part";
const isDone = (e: ChildEvent): e is Extract<ChildEvent, { event: "done" }> => e.event === "done";

it("a process SIGKILLed mid-upload is resumed by a new one that sends only the parts storage lacks", async () => {
  const path = tmp.path("forty.bin");
  await writeRandomFile(path, PARTS * MiB);
  const args = [stack.api.url, await stack.api.token("carol"), tmp.path("resume"), path];

  // First run: parts spaced 100 ms apart so it is surely killed with parts left; killed once 5 were acknowledged
  // and the next part's PUT reached the proxy, so the kill often lands mid-part.
  const first = startUploadProcess([...args, "100"]);
  children.push(first);
  await first.waitFor((e): e is Extract<ChildEvent, { event: "part" }> => isPart(e) && first.events.filter(isPart).length >= 5);
  const acknowledged = first.events.filter(isPart).length;
  while (partPuts(seen).length <= acknowledged) await new Promise((resolve) => setTimeout(resolve, 5));
  await first.kill();
  while (stack.proxy.stats.open > 0) await new Promise((resolve) => setTimeout(resolve, 10));

  const client = await stack.api.client("carol");
  const sessions = (await client.upload.list.query({ status: "uploading" })).items;
  expect(sessions).toHaveLength(1);
  const uploadId = sessions[0]!.uploadId;
  const stored = await storedParts(uploadId);
  const reported = first.events.filter(isPart).map((e) => e.partNumber);
  expect(stored.length).toBeGreaterThanOrEqual(5);
  expect(stored).toEqual(expect.arrayContaining(reported));
  expect(stored.length).toBeLessThan(PARTS);
  const firstRun = partPuts(seen);
  const inFlight = firstRun.map((p) => p.partNumber).filter((n) => !stored.includes(n));

  // Second run: same file, same resume store.
  const mark = seen.length;
  const second = startUploadProcess(args);
  children.push(second);
  const done = await second.waitFor(isDone);
  expect(await second.exited).toBe(0);

  const resent = partPuts(seen.slice(mark));
  const resentNumbers = new Set(resent.map((p) => p.partNumber));
  // The same S3 multipart upload was continued, not a new one started.
  expect(new Set(resent.map((p) => p.s3UploadId))).toEqual(new Set(firstRun.map((p) => p.s3UploadId)));
  // Nothing storage already held was sent again...
  for (const n of stored) expect(resentNumbers.has(n), `part ${n} was stored before the kill yet sent again`).toBe(false);
  // ...and every part it lacked was sent, except at most the part cut by the kill if storage finished it late.
  const missing = Array.from({ length: PARTS }, (_, i) => i + 1).filter((n) => !stored.includes(n) && !resentNumbers.has(n));
  expect(missing.every((n) => inFlight.includes(n))).toBe(true);
  expect(missing.length).toBeLessThanOrEqual(1);
  expect(done.progress.partsResumed).toBe(PARTS - resentNumbers.size);
  expect(done.progress).toMatchObject({ partsDone: PARTS, bytesConfirmed: PARTS * MiB });
  expect(done.file.size).toBe(PARTS * MiB);
  expect(await stack.storedSha256(done.file.key)).toBe(await sha256Of(path));
  expect((await client.upload.list.query({ status: "uploading" })).items).toEqual([]);
});
