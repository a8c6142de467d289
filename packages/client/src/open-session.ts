import type { ChecksumMode, CompletedPart, UploadSession } from "@hoist/contract";
import { planOfSession } from "@hoist/contract/core";
import { UploadError } from "./errors";
import { fingerprintOf } from "./fingerprint";
import { liveSession, partsToKeep, sessionMatches } from "./resume";
import { createSession, sessionApi, type ApiAccess, type SessionApi } from "./session-api";
import { isUnsized } from "./stream-source";
import type { ResumeStore, UploadOptions, UploadSource } from "./types";

/** A session ready to take parts: new, or resumed with the parts storage already holds. */
export interface OpenedSession {
  api: SessionApi;
  session: Pick<UploadSession, "uploadId" | "size" | "strategy" | "partSize" | "partCount" | "checksum" | "route">;
  /** The presigned PUT of a fresh `single` upload. */
  single?: { url: string; headers: Record<string, string> };
  resumed: CompletedPart[];
  fingerprint?: string;
  /** The session had already completed (or is completing): nothing to send, `complete` only returns the file. */
  finished: boolean;
  /** An existing session still taking parts: {@link resumeParts} finds what storage holds. */
  attached: boolean;
}

/** What {@link findSession} needs. */
export interface OpenDeps extends ApiAccess {
  resumeStore?: ResumeStore;
  checksum: ChecksumMode;
  signal: AbortSignal;
}

async function attach(deps: OpenDeps, source: UploadSource, uploadId: string): Promise<OpenedSession | undefined> {
  const api = sessionApi(deps, uploadId, deps.signal);
  const session = await liveSession(api);
  if (session === undefined) return undefined;
  if (!sessionMatches(session, source)) {
    throw new UploadError("SOURCE_CHANGED", `upload ${uploadId} was started for ${session.name} (${session.size} bytes, ${session.type}), not this file`, { uploadId });
  }
  const finished = session.status !== "uploading";
  return { api, session, resumed: [], finished, attached: !finished };
}

async function create(deps: OpenDeps, source: UploadSource, options: UploadOptions): Promise<OpenedSession> {
  const checksum = options.checksum ?? deps.checksum;
  const input = {
    name: source.name,
    ...(isUnsized(source) ? { maxSize: source.maxSize } : { size: source.size }),
    type: source.type,
    checksum,
    ...(options.route !== undefined && { route: options.route }),
    ...(source.lastModified !== undefined && { lastModified: source.lastModified }),
  };
  const { created, api } = await createSession(deps, input, deps.signal);
  const session = { ...created, size: source.size, route: options.route ?? "default" };
  return { api, session, resumed: [], finished: false, attached: false, ...(created.single && { single: created.single }) };
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
 * With `reuse` false it goes straight to a new one. Its parts are not listed yet, so the run knows the session
 * (and a cancel can abort it) before then.
 */
export async function findSession(deps: OpenDeps, source: UploadSource, options: UploadOptions, reuse = true): Promise<OpenedSession> {
  const store = deps.resumeStore;
  const fingerprint = store === undefined ? undefined : await fingerprintOf(source);
  const record = fingerprint === undefined ? undefined : await store?.get(fingerprint);
  const remembered = record?.route === (options.route ?? "default") ? record.uploadId : undefined;
  const wanted = reuse ? (options.resumeUploadId ?? remembered) : undefined;
  const attached = wanted === undefined ? undefined : await attach(deps, source, wanted);
  if (attached === undefined && record !== undefined && fingerprint !== undefined) await store?.delete(fingerprint);
  const opened = attached ?? (await create(deps, source, options));
  if (fingerprint === undefined) return opened;
  if (store !== undefined && !opened.finished) await remember(store, fingerprint, opened, source);
  return { ...opened, fingerprint };
}

/**
 * The parts storage already holds for an attached session, kept where they match the source. Undefined when a
 * `single` session holds other bytes: its URL cannot overwrite them, so the session is aborted to start over.
 */
export async function resumeParts(opened: OpenedSession, source: UploadSource): Promise<OpenedSession | undefined> {
  if (!opened.attached) return opened;
  const listed = await opened.api.listParts();
  const resumed = await partsToKeep(planOfSession(opened.session), listed, source);
  if (opened.session.strategy === "single" && resumed.length < listed.length) {
    await opened.api.abort();
    return undefined;
  }
  return { ...opened, resumed };
}
