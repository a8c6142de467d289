import { describe, expectTypeOf, it } from "vitest";
import type { createBrowserUploader } from "./browser";
import { createNodeTrpc, createNodeUploader } from "./node";
import type { Uploader, UploadOptions, UploadSource } from "./types";

type AppRoute = "default" | "avatars";

// Type-level: `pnpm --filter @hoist/client typecheck` fails if a wrong route name compiles.
describe("route names as a type parameter", () => {
  const trpc = createNodeTrpc({ serverUrl: "http://127.0.0.1:9" });

  it("narrows the route option when the app names its routes", () => {
    const uploader = createNodeUploader<AppRoute>({ trpc, resumeStore: false });
    expectTypeOf(uploader).toEqualTypeOf<Uploader<AppRoute>>();
    expectTypeOf<UploadOptions<AppRoute>["route"]>().toEqualTypeOf<AppRoute | undefined>();
    expectTypeOf<ReturnType<typeof createBrowserUploader<AppRoute>>>().toEqualTypeOf<Uploader<AppRoute>>();
    // Never called: only the compiler reads these.
    const start = (source: UploadSource) => {
      uploader.upload(source, { route: "avatars" });
      // @ts-expect-error "videos" is not one of this app's routes
      uploader.upload(source, { route: "videos" });
    };
    expectTypeOf(start).toBeFunction();
  });

  it("takes any route name by default (the server checks it)", () => {
    const uploader = createNodeUploader({ trpc, resumeStore: false });
    expectTypeOf(uploader).toEqualTypeOf<Uploader>();
    expectTypeOf<UploadOptions["route"]>().toEqualTypeOf<string | undefined>();
  });
});
