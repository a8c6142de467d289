import type { PartPlan } from "./plan-parts.js";

/** The fields of a stored upload session that fix its plan (what `upload.create` returned). */
export type StoredPlan = Pick<PartPlan, "size" | "strategy" | "partSize" | "partCount">;

/**
 * The plan of an existing session, rebuilt from its stored fields rather than by calling `planParts` again: the
 * part size was chosen at create (perhaps with a test floor) and must not move if the planning rule ever does.
 * Every part but the last is `partSize`, so the last holds what is left.
 */
export function planOfSession(session: StoredPlan): PartPlan {
  const { size, strategy, partSize, partCount } = session;
  return { size, strategy, partSize, partCount, lastPartSize: size - partSize * (partCount - 1) };
}
