import type { TRPCRouterRecord } from "@trpc/server";
import { procedures } from "@hoist/contract";
import { routesFor } from "../routes";
import { protectedProcedure } from "../trpc";
import { abortUpload } from "../services/abort-upload";
import { completeUpload } from "../services/complete-upload";
import { createUpload } from "../services/create-upload";
import { getUpload, listParts, listUploads } from "../services/parts-status";
import { signParts } from "../services/sign";

const p = procedures.upload;

/** `upload.*`: the session lifecycle. Every procedure checks that the session belongs to the caller. */
export const uploadRouter = {
  create: protectedProcedure
    .input(p.create.input)
    .output(p.create.output)
    .mutation(({ ctx, input }) => createUpload(ctx.deps, ctx.user, input)),
  signParts: protectedProcedure
    .input(p.signParts.input)
    .output(p.signParts.output)
    .mutation(({ ctx, input }) => signParts(ctx.deps, ctx.user, input)),
  listParts: protectedProcedure
    .input(p.listParts.input)
    .output(p.listParts.output)
    .query(({ ctx, input }) => listParts(ctx.deps, ctx.user, input)),
  get: protectedProcedure
    .input(p.get.input)
    .output(p.get.output)
    .query(({ ctx, input }) => getUpload(ctx.deps, ctx.user, input)),
  list: protectedProcedure
    .input(p.list.input)
    .output(p.list.output)
    .query(({ ctx, input }) => listUploads(ctx.deps, ctx.user, input)),
  complete: protectedProcedure
    .input(p.complete.input)
    .output(p.complete.output)
    .mutation(({ ctx, input }) => completeUpload(ctx.deps, ctx.user, input)),
  abort: protectedProcedure
    .input(p.abort.input)
    .output(p.abort.output)
    .mutation(({ ctx, input }) => abortUpload(ctx.deps, ctx.user, input)),
  routes: protectedProcedure
    .input(p.routes.input)
    .output(p.routes.output)
    .query(({ ctx }) => ({ routes: routesFor(ctx.deps.routes, ctx.user) })),
} satisfies TRPCRouterRecord;
