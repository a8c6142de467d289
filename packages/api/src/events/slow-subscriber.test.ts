import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileCompletedEvent } from "@hoist/contract";
import { putSigned, startTestApi } from "../../test/support";
import type { Caller, TestApi } from "../../test/support";

async function completeOne(caller: Caller): Promise<string> {
  const bytes = randomBytes(8);
  const created = await caller.upload.create({ name: "s.bin", size: bytes.length, type: "application/octet-stream" });
  if (created.single === undefined) throw new Error("expected a single PUT");
  await putSigned(created.single, bytes);
  return (await caller.upload.complete({ uploadId: created.uploadId })).file.id;
}

// A subscriber that stops reading while events keep coming: its live buffer (here 2 events) overflows and is
// dropped, and it reads the rest from the table, so memory stays bounded and nothing is lost or repeated.
describe("a slow subscriber", () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi({ events: { subscriberBuffer: 2, pageSize: 2 } })));
  afterAll(() => api.close());

  it("falls behind its buffer, then gets every event from the table, in order, once each", async () => {
    const slow = api.callerFor("slow");
    const iterator = (await slow.files.onCompleted({}))[Symbol.asyncIterator]();
    const take = async () => {
      const result: IteratorResult<unknown> = await iterator.next();
      return (result.value as [string, FileCompletedEvent])[1].file.id;
    };
    const first = take();
    const ids = [];
    for (let i = 0; i < 6; i += 1) ids.push(await completeOne(slow));
    const received = [await first];
    while (received.length < ids.length) received.push(await take());
    expect(received).toEqual(ids);
    await iterator.return?.(undefined);
  });
});
