import type { ChecksumMode, CompletedPart, FileRecord, UploadSession } from "@hoist/contract";
import { planOfSession } from "@hoist/contract/core";
import { apiCall } from "./api-call";
import { UploadError } from "./errors";
import { fingerprintOf } from "./fingerprint";
import { listSessionParts, liveSession, partsToKeep, sessionMatches } from "./resume";
import type { HoistTrpc, ResumeStore, UploadOptions, UploadSource } from "./types";

/** A session ready to take parts: new, or resumed with the parts storage already holds. */
export interface OpenedSession {
  session: Pick<UploadSession, "uploadId" | "size" | "strategy" | "partSize" | "partCount" | "checksum" | "route">;
  /** The presigned PUT of a fresh `single` upload. */
  single?: { url: string; headers: Record<string, string> };
  resumed: CompletedPart[];
  fingerprint?: string;
  /** Set when the session had already completed: nothing to send. */
  file?: FileRecord;
}

/** What {@link openSession} needs. */
export interface OpenDeps {
  trpc: HoistTrpc;
  resumeStore?: ResumeStore;
  checksum: ChecksumMode;
  signal: AbortSignal;
  /** Called as soon as the session id is known (cancel needs it). */
  onId: (uploadId: string) => void;
}

async function attach(deps: OpenDeps, source: UploadSource, uploadId: string): Promise<OpenedSession | undefined> {
  const session = await liveSession(deps.trpc, uploadId, deps.signal);
  if (session === undefined) return undefined;
  if (!sessionMatches(session, source)) {
    throw new UploadError("SOURCE_CHANGED", `upload ${uploadId} was started for ${session.name} (${session.size} bytes, ${session.type}), not this file`, { uploadId });
  }
  deps.onId(uploadId);
  if (session.status !== "uploading") {
    const { file } = await apiCall((s) => deps.trpc.upload.complete.mutate({ uploadId }, { signal: s }), uploadId, deps.signal);
    return { session, resumed: [], file };
  }
  const listed = await listSessionParts(deps.trpc, uploadId, deps.signal);
  const resumed = await partsToKeep(planOfSession(session), listed, source);
  if (session.strategy === "single" && resumed.length < listed.length) {
    // Storage holds other bytes for this single PUT and its URL cannot overwrite them: start over.
    await apiCall((s) => deps.trpc.upload.abort.mutate({ uploadId }, { signal: s }), uploadId, deps.signal);
    return undefined;
  }
  return { session, resumed };
}

async function create(deps: OpenDeps, source: UploadSource, options: UploadOptions): Promise<OpenedSession> {
  const checksum = options.checksum ?? deps.checksum;
  const input = {
    name: source.name,
    size: source.size,
    type: source.type,
    checksum,
    ...(options.route !== undefined && { route: options.route }),
    ...(source.lastModified !== undefined && { lastModified: source.lastModified }),
  };
  if (deps.signal.aborted) throw deps.signal.reason as Error;
  // Not aborted once sent: a stop that dropped the answer would leave the session the server made open and
  // unknown to us. With the id known, a cancel aborts it (startUpload) and a stop keeps it resumable.
  const created = await apiCall((s) => deps.trpc.upload.create.mutate(input, { signal: s }), undefined);
  deps.onId(created.uploadId);
  const session = { ...created, size: source.size, route: options.route ?? "default" };
  return { session, resumed: [], ...(created.single && { single: created.single }) };
}

async function remember(store: ResumeStore, fingerprint: string, opened: OpenedSession, source: UploadSource): Promise<void> {
  const { uploadId, size, route } = opened.session;
  await store.set(fingerprint, {
    fingerprint, uploadId, name: source.name, size, route, type: source.type,
    ...(source.path !== undefined && { path: source.path }),
  });
}

/**
 * Finds the session for `source`: the one asked for (`resumeUploadId`), else the one the resume store remembers
 * for this fingerprint (forgotten when the server no longer takes parts for it), else a new one, remembered.
 */
export async function openSession(deps: OpenDeps, source: UploadSource, options: UploadOptions): Promise<OpenedSession> {
  const store = deps.resumeStore;
  const fingerprint = store === undefined ? undefined : await fingerprintOf(source);
  const record = fingerprint === undefined ? undefined : await store?.get(fingerprint);
  const wanted = options.resumeUploadId ?? (record?.route === (options.route ?? "default") ? record.uploadId : undefined);
  const attached = wanted === undefined ? undefined : await attach(deps, source, wanted);
  if (attached === undefined && record !== undefined && fingerprint !== undefined) await store?.delete(fingerprint);
  const opened = attached ?? (await create(deps, source, options));
  if (fingerprint === undefined) return opened;
  if (store !== undefined && opened.file === undefined) await remember(store, fingerprint, opened, source);
  return { ...opened, fingerprint };
}
