import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MiB, TiB } from "@hoist/contract";
import { expectHoistError } from "../support/bad-input-expect";
import { freshUser, leftovers, nothingLeft } from "../support/bad-input-leftovers";
import { partFloor, testRoutes } from "../support/harness";
import { DATABASES, startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";

// Route policies refuse at create, before S3 or the database see anything: only declared numbers, no bytes.
describe.each(DATABASES)("bad input: upload.create against route policies (%s)", (database) => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(database, {
      routes: (s3) =>
        testRoutes(s3, {
          staff: { maxSize: "1MB", types: ["*/*"], minPartSize: partFloor(s3), allow: (user) => user.id.startsWith("staff-") },
        }),
    });
  });
  afterAll(() => stack.close());

  const create = async (user: string, input: { name: string; size: number; type: string; route?: string }) =>
    (await stack.api.client(user)).upload.create.mutate(input);

  it("21 MiB on the 20 MiB image route: PAYLOAD_TOO_LARGE/SIZE_OVER_LIMIT naming both sizes, nothing created", async () => {
    const user = freshUser("policy");
    const failure = await expectHoistError(
      create(user, { route: "image", name: "huge.png", size: 21 * MiB, type: "image/png" }),
      "PAYLOAD_TOO_LARGE",
      "SIZE_OVER_LIMIT",
    );
    expect(failure.message).toContain("21 MiB");
    expect(failure.message).toContain("20 MiB");
    expect(failure.message).toContain('"image"');
    expect(failure.data.httpStatus).toBe(413);
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
  });

  it("one byte over the limit is refused; exactly the limit is accepted", async () => {
    const user = freshUser("policy");
    await expectHoistError(create(user, { route: "image", name: "edge.png", size: 20 * MiB + 1, type: "image/png" }), "PAYLOAD_TOO_LARGE", "SIZE_OVER_LIMIT");
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
    const created = await create(user, { route: "image", name: "edge.png", size: 20 * MiB, type: "image/png" });
    await (await stack.api.client(user)).upload.abort.mutate({ uploadId: created.uploadId });
  });

  it("6 TiB on the 5 TiB default route: SIZE_OVER_LIMIT, nothing created", async () => {
    const user = freshUser("policy");
    const failure = await expectHoistError(create(user, { name: "disk.img", size: 6 * TiB, type: "application/octet-stream" }), "PAYLOAD_TOO_LARGE", "SIZE_OVER_LIMIT");
    expect(failure.message).toContain("5 TiB");
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
  });

  it("application/pdf on the image route: UNSUPPORTED_MEDIA_TYPE/TYPE_NOT_ALLOWED naming the type and what is allowed", async () => {
    const user = freshUser("policy");
    const failure = await expectHoistError(
      create(user, { route: "image", name: "scan.pdf", size: 1000, type: "application/pdf" }),
      "UNSUPPORTED_MEDIA_TYPE",
      "TYPE_NOT_ALLOWED",
    );
    expect(failure.message).toContain("application/pdf");
    expect(failure.message).toContain("image/*");
    expect(failure.data.httpStatus).toBe(415);
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
  });

  it("a type that only looks like an image (image-ish parameters on text/plain) is refused too", async () => {
    const user = freshUser("policy");
    await expectHoistError(
      create(user, { route: "image", name: "x.png", size: 10, type: 'text/plain; name="image/png"' }),
      "UNSUPPORTED_MEDIA_TYPE",
      "TYPE_NOT_ALLOWED",
    );
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
  });

  it("a route the user may not use: FORBIDDEN naming the route, nothing created; staff may", async () => {
    const user = freshUser("guest");
    const failure = await expectHoistError(create(user, { route: "staff", name: "memo.txt", size: 10, type: "text/plain" }), "FORBIDDEN", "FORBIDDEN");
    expect(failure.message).toContain('"staff"');
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
    const staff = freshUser("staff");
    expect((await create(staff, { route: "staff", name: "memo.txt", size: 10, type: "text/plain" })).strategy).toBe("single");
  });
});
