import { randomUUID } from "node:crypto";
import { formatSize, HoistError, isHoistError, planParts } from "@hoist/contract";
import type { ChecksumMode, CreateUploadOutput, CreateUploadParsed, PartPlan } from "@hoist/contract";
import { deleteSession, setS3UploadId } from "@hoist/db";
import type { UploadSessionInsert } from "@hoist/db";
import { typeAllowed } from "@hoist/s3-core";
import type { AuthUser } from "../auth";
import type { ApiDeps } from "../context";
import { resolveRoute } from "../routes";
import type { RoutePolicy } from "../routes";
import { insertWithinQuota } from "./quota";
import { asPut, signSinglePut } from "./sign";

/** The size a session is planned and counted for: the exact size, or a stream's declared maximum. */
function declaredSize(input: CreateUploadParsed): number {
  // The schema lets exactly one of them through.
  return input.size ?? input.maxSize ?? 0;
}

/** Checks the declared size (or maximum) and type against the route before anything is created. */
function checkPolicy(route: RoutePolicy, input: CreateUploadParsed): void {
  const size = declaredSize(input);
  if (size > route.maxSize) {
    const what = input.size === undefined ? `may grow to ${formatSize(size)} (maxSize)` : `is ${formatSize(size)}`;
    throw new HoistError(
      "SIZE_OVER_LIMIT",
      `${input.name} ${what}; route "${route.name}" takes files up to ${formatSize(route.maxSize)}`,
    );
  }
  if (!typeAllowed(input.type, route.types)) {
    throw new HoistError(
      "TYPE_NOT_ALLOWED",
      `type ${input.type} is not allowed on route "${route.name}"; allowed: ${route.types.join(", ")}`,
    );
  }
}

/** `sha256` only where storage verifies it: elsewhere the mode would promise a check nobody makes. */
function checkChecksumMode(profile: ApiDeps["storage"]["profile"], checksum: ChecksumMode): void {
  if (checksum === "sha256" && !profile.flexibleChecksums) {
    throw new HoistError(
      "INVALID_INPUT",
      'checksum "sha256" is not available: this server\'s storage provider cannot verify x-amz-checksum-sha256; ' +
        'create the upload with checksum "none"',
    );
  }
}

/** `<route>/<userId>/<yyyy>/<mm>/<id>`: generated here, never by the client. */
function storageKey(route: string, userId: string, id: string, now: Date): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, "0");
  return `${route}/${encodeURIComponent(userId)}/${now.getUTCFullYear()}/${month}/${id}`;
}

/**
 * Where storage ignores `If-None-Match` on PutObject (b2, gcs) a presigned single PUT could overwrite the file
 * after complete verified it; a one-part multipart upload's URLs die with its upload id at complete instead.
 */
function withoutUnsafeSingle(deps: ApiDeps, plan: PartPlan): PartPlan {
  return plan.strategy === "single" && !deps.storage.profile.ifNoneMatchOnPut ? { ...plan, strategy: "multipart" } : plan;
}

/**
 * The session's plan. A stream (`maxSize`) is always multipart, planned for its maximum: its last part is only
 * known when the stream ends, and a single PUT needs its length when it is signed.
 */
function planFor(deps: ApiDeps, route: RoutePolicy, input: CreateUploadParsed): PartPlan {
  const plan = planParts(declaredSize(input), route.minPartSize === undefined ? {} : { minPartSize: route.minPartSize });
  return input.maxSize === undefined ? withoutUnsafeSingle(deps, plan) : { ...plan, strategy: "multipart" };
}

/** The route's and the storage's refusals, counted as failed uploads of that route. */
function checkCreate(deps: ApiDeps, route: RoutePolicy, input: CreateUploadParsed, checksum: ChecksumMode): void {
  try {
    checkPolicy(route, input);
    checkChecksumMode(deps.storage.profile, checksum);
  } catch (error) {
    if (isHoistError(error)) deps.observe?.uploadFailed(route.name, error.hoistCode);
    throw error;
  }
}

/**
 * Starts the S3 multipart upload of a recorded session and records its id. If either step fails, the upload
 * and the row go again, so a failed create leaves nothing behind.
 */
async function startMultipart(deps: ApiDeps, row: UploadSessionInsert & { checksum: ChecksumMode }): Promise<void> {
  let uploadId: string | undefined;
  try {
    uploadId = await deps.storage.createMultipart({ key: row.key, contentType: row.type, checksum: row.checksum });
    await setS3UploadId(deps.db, row.id, uploadId);
  } catch (error) {
    if (uploadId !== undefined) await deps.storage.abortMultipart({ key: row.key, uploadId }).catch(() => undefined);
    await deleteSession(deps.db, row.id).catch(() => undefined);
    throw error;
  }
}

/**
 * `upload.create`: validates against the route, plans parts, records the session within the user's quotas and
 * starts the S3 multipart upload (for `multipart`). Bad input and quota refusals create nothing in S3 or the
 * database.
 */
export async function createUpload(deps: ApiDeps, user: AuthUser, input: CreateUploadParsed): Promise<CreateUploadOutput> {
  const route = resolveRoute(deps.routes, input.route, user);
  const checksum = input.checksum ?? "none";
  checkCreate(deps, route, input, checksum);
  const plan = planFor(deps, route, input);
  const now = deps.options.now();
  const id = randomUUID();
  const key = storageKey(route.name, user.id, id, now);
  const expiresAt = new Date(now.getTime() + route.sessionTtl * 1000);
  const { name, type } = input;
  const { size, strategy, partSize, partCount } = plan;
  // The quota is checked (and the row recorded) before storage is asked for anything: a refusal creates nothing.
  const row = {
    id, userId: user.id, route: route.name, key, name, size, maxSize: input.maxSize ?? null, type, lastModified: input.lastModified ?? null,
    checksum, strategy, partSize, partCount, s3UploadId: null, status: "uploading" as const, expiresAt, createdAt: now, updatedAt: now,
  };
  await insertWithinQuota(deps, row);
  if (strategy === "multipart") await startMultipart(deps, row);
  deps.observe?.uploadCreated(route.name);
  const planned = { uploadId: id, key, strategy, partSize, partCount, expiresAt: expiresAt.toISOString(), checksum };
  if (strategy === "multipart") return planned;
  const single = asPut(await signSinglePut(deps, route, { key, size, type }));
  deps.observe?.urlsSigned(1);
  return { ...planned, single };
}
