import type { TRPCRouterRecord } from "@trpc/server";
import { procedures } from "@hoist/contract";
import { protectedProcedure } from "../trpc";
import { deleteFile, downloadUrl, getFile, listFiles } from "../services/files";
import { onCompleted } from "../events/on-completed";

const p = procedures.files;

/** `files.*`: completed, verified files. Another user's file is answered like a missing one. */
export const filesRouter = {
  list: protectedProcedure
    .input(p.list.input)
    .output(p.list.output)
    .query(({ ctx, input }) => listFiles(ctx.deps, ctx.user, input)),
  get: protectedProcedure
    .input(p.get.input)
    .output(p.get.output)
    .query(({ ctx, input }) => getFile(ctx.deps, ctx.user, input)),
  downloadUrl: protectedProcedure
    .input(p.downloadUrl.input)
    .output(p.downloadUrl.output)
    .mutation(({ ctx, input }) => downloadUrl(ctx.deps, ctx.user, input)),
  delete: protectedProcedure
    .input(p.delete.input)
    .output(p.delete.output)
    .mutation(({ ctx, input }) => deleteFile(ctx.deps, ctx.user, input)),
  // No `.output()`: tRPC would check the stream, not its events; each event is checked against it as it is sent.
  onCompleted: protectedProcedure
    .input(p.onCompleted.input)
    .subscription(({ ctx, input, signal }) => onCompleted(ctx.deps, ctx.user, input, signal)),
} satisfies TRPCRouterRecord;
