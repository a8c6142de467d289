import { describe, expect, it } from "vitest";
import { FileCompletedEventSchema, OnCompletedInputSchema } from "./events.js";

const file = {
  id: "ses_1",
  name: "a.txt",
  size: 1,
  type: "text/plain",
  route: "default",
  key: "default/u/2026/11/ses_1",
  etag: '"abc"',
  createdAt: "2026-11-30T00:00:00.000Z",
  completedAt: "2026-11-30T00:00:01.000Z",
};

describe("files.onCompleted input", () => {
  it.each([{}, { lastEventId: "1" }, { lastEventId: "9223372036854775807" }])("accepts %j", (input) => {
    expect(OnCompletedInputSchema.safeParse(input).success).toBe(true);
  });

  it.each([{ lastEventId: "" }, { lastEventId: "0" }, { lastEventId: "-1" }, { lastEventId: "1.5" }, { lastEventId: "abc" }, { lastEventId: 5 }, { lastEventId: "1".repeat(20) }])(
    "refuses %j with a message naming lastEventId",
    (input) => {
      const result = OnCompletedInputSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["lastEventId"]);
      expect(result.error?.issues[0]?.message).toMatch(/lastEventId/);
    },
  );

  it("refuses unknown keys", () => {
    expect(OnCompletedInputSchema.safeParse({ userId: "other" }).success).toBe(false);
  });
});

describe("files.onCompleted event", () => {
  it("is an event id and a FileRecord", () => {
    expect(FileCompletedEventSchema.parse({ id: "7", file })).toEqual({ id: "7", file });
    expect(FileCompletedEventSchema.safeParse({ id: "7", file: { ...file, size: -1 } }).success).toBe(false);
  });
});
