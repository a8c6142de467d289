import type {
  DeleteFileOutput,
  DownloadUrlInput,
  DownloadUrlOutput,
  FileIdInput,
  FileRecord,
  ListFilesOutput,
  ListFilesParsed,
} from "@hoist/contract";
import { deleteFileForUser, getFileForUser, listFilesForUser } from "@hoist/db";
import type { FileRow } from "@hoist/db";
import type { AuthUser } from "../auth";
import type { ApiDeps } from "../context";
import { notFound } from "../errors";
import { resolveStoredRoute } from "../routes";
import { wirePage } from "./wire-page";
import { downloadHeaders } from "./download-headers";
import { toFileRecord } from "./records";

async function requireFile(deps: ApiDeps, user: AuthUser, id: string): Promise<FileRow> {
  const file = await getFileForUser(deps.db, id, user.id);
  if (file === undefined) throw notFound("file", id);
  return file;
}

/** `files.list`: the caller's files, newest first, cursor-paged. */
export async function listFiles(deps: ApiDeps, user: AuthUser, input: ListFilesParsed): Promise<ListFilesOutput> {
  const filter = { ...(input.cursor && { cursor: input.cursor }), limit: input.limit };
  return wirePage(() => listFilesForUser(deps.db, user.id, filter), toFileRecord);
}

/** `files.get`. */
export async function getFile(deps: ApiDeps, user: AuthUser, { id }: FileIdInput): Promise<FileRecord> {
  return toFileRecord(await requireFile(deps, user, id));
}

/**
 * `files.downloadUrl`: a presigned GET that names the file by its original name (RFC 6266); only safe types may
 * open inline (see download-headers.ts).
 */
export async function downloadUrl(deps: ApiDeps, user: AuthUser, input: DownloadUrlInput): Promise<DownloadUrlOutput> {
  const file = await requireFile(deps, user, input.id);
  const route = resolveStoredRoute(deps.routes, file.route, user);
  const signed = await deps.storage.signGetObject({
    key: file.key,
    expiresIn: route.urlExpiresIn,
    now: deps.options.now(),
    ...downloadHeaders(file, input.disposition),
  });
  deps.observe?.urlsSigned(1);
  return { url: signed.url, expiresAt: signed.expiresAt.toISOString() };
}

/** `files.delete`: the object first, then the record, so a failure never leaves an object nobody can find. */
export async function deleteFile(deps: ApiDeps, user: AuthUser, { id }: FileIdInput): Promise<DeleteFileOutput> {
  const file = await requireFile(deps, user, id);
  await deps.storage.deleteObject(file.key);
  if ((await deleteFileForUser(deps.db, id, user.id)) === undefined) throw notFound("file", id);
  return { deleted: true };
}
