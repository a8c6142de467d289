import { describe, expectTypeOf, it } from "vitest";
import { useUploader } from "../src";
import type { UnfinishedUploadsProps, Uploads, UseUploaderOptions } from "../src";

type AppRoute = "default" | "avatars";

// Type-level: `pnpm --filter @hoist/react typecheck` fails if a wrong route name compiles.
describe("useUploader's route names", () => {
  it("narrows `route` and `add`'s route when the app names its routes", () => {
    expectTypeOf(useUploader<AppRoute>).returns.toEqualTypeOf<Uploads<AppRoute>>();
    expectTypeOf<UseUploaderOptions<AppRoute>["route"]>().toEqualTypeOf<AppRoute | undefined>();
    // @ts-expect-error "videos" is not one of this app's routes
    const options: UseUploaderOptions<AppRoute> = { route: "videos" };
    // Never called: only the compiler reads these.
    const add = (queue: Uploads<AppRoute>, files: File[]) => {
      queue.add(files, { route: "avatars" });
      // @ts-expect-error "videos" is not one of this app's routes
      queue.add(files, { route: "videos" });
    };
    expectTypeOf(add).toBeFunction();
    expectTypeOf(options).toBeObject();
  });

  it("keeps a narrowed queue usable by components that re-add a server-listed route", () => {
    expectTypeOf<Uploads<AppRoute>>().toExtend<UnfinishedUploadsProps["queue"]>();
    expectTypeOf(useUploader).returns.toEqualTypeOf<Uploads>();
  });
});
