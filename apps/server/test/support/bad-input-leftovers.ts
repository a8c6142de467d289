import { randomUUID } from "node:crypto";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { createTRPCUntypedClient, httpLink } from "@trpc/client";
import type { TRPCUntypedClient } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import { getSession, listFilesForUser, listSessionsForUser } from "@hoist/db";
import type { UploadSessionRow } from "@hoist/db";
import { listAllMultipartUploads } from "@hoist/s3-core";
import type { Stack } from "./matrix";

/** A user id no other test (or earlier run against a shared bucket) has used. */
export const freshUser = (label: string) => `${label}-${randomUUID()}`;

/**
 * A tRPC client that sends any input: the typed client would not compile bad input. Same links and wire format
 * as the typed one, so a rejection reaches the test exactly as it reaches a real client.
 */
export async function untypedClient(stack: Stack, user: string): Promise<TRPCUntypedClient<AppRouter>> {
  const authorization = `Bearer ${await stack.api.token(user)}`;
  return createTRPCUntypedClient<AppRouter>({ links: [httpLink({ url: `${stack.api.url}/trpc`, headers: { authorization } })] });
}

/** What exists for `user`: rows in both tables, unfinished multipart uploads and objects under every route's prefix. */
export interface Leftovers {
  sessions: number;
  files: number;
  multipartUploads: number;
  objects: number;
}

const NOTHING: Leftovers = { sessions: 0, files: 0, multipartUploads: 0, objects: 0 };

async function countStorage(stack: Stack, prefix: string): Promise<Pick<Leftovers, "multipartUploads" | "objects">> {
  const { client, bucket } = stack.api.server.deps.storage;
  let multipartUploads = 0;
  for await (const upload of listAllMultipartUploads(client, { bucket, prefix })) if (upload.key.startsWith(prefix)) multipartUploads += 1;
  const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return { multipartUploads, objects: listed.KeyCount ?? listed.Contents?.length ?? 0 };
}

/** Counts everything `user` has in the database and in storage (keys are `<route>/<user>/...`). */
export async function leftovers(stack: Stack, user: string): Promise<Leftovers> {
  const { db, routes } = stack.api.server.deps;
  const total = { ...NOTHING };
  total.sessions = (await listSessionsForUser(db, user, { limit: 100 })).items.length;
  total.files = (await listFilesForUser(db, user, { limit: 100 })).items.length;
  for (const route of Object.keys(routes)) {
    const found = await countStorage(stack, `${route}/${encodeURIComponent(user)}/`);
    total.multipartUploads += found.multipartUploads;
    total.objects += found.objects;
  }
  return total;
}

/** The leftovers of a user for whom nothing may exist. */
export const nothingLeft = (): Leftovers => ({ ...NOTHING });

/** A session row as stored (status, S3 upload id), read past the API. */
export async function sessionRow(stack: Stack, id: string): Promise<UploadSessionRow> {
  const row = await getSession(stack.api.server.deps.db, id);
  if (row === undefined) throw new Error(`no session row ${id}`);
  return row;
}
