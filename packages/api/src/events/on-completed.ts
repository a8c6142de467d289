import { tracked } from "@trpc/server";
import type { TrackedEnvelope } from "@trpc/server";
import { FileCompletedEventSchema, HoistError, isHoistError } from "@hoist/contract";
import type { FileCompletedEvent, OnCompletedInput } from "@hoist/contract";
import { lastIssuedFileEventId, listFileEventsAfter } from "@hoist/db";
import type { FileEventRow } from "@hoist/db";
import type { AuthUser } from "../auth";
import type { ApiDeps } from "../context";
import { toTRPCError } from "../errors";
import type { EventHub } from "./event-hub";

type Tracked = TrackedEnvelope<FileCompletedEvent>;

/** The stored event as sent, checked against the contract on the way out like every procedure's output. */
function toTracked(row: FileEventRow): Tracked {
  const event = FileCompletedEventSchema.parse({ id: String(row.id), file: row.file });
  return tracked(event.id, event);
}

/** The caller's last event id as a number, refused when it is newer than any event (not from this deployment). */
async function resumePoint(deps: ApiDeps, lastEventId: string): Promise<number> {
  const after = Number(lastEventId);
  // Not the newest stored id: once the sweeper has pruned every event, a subscriber's real last id is above that.
  const newest = await lastIssuedFileEventId(deps.db);
  if (after > newest) {
    throw new HoistError(
      "INVALID_INPUT",
      `lastEventId ${lastEventId} is newer than any event of this server (the newest is ${newest}): it was not sent by this deployment; subscribe without lastEventId, and resync with files.list if you need what came before`,
    );
  }
  return after;
}

/** The hub of a server that has one; a server built without events says so rather than streaming nothing. */
function hubOf(deps: ApiDeps): EventHub {
  if (deps.events === undefined) throw new HoistError("INTERNAL", "file events are not enabled on this server (it was started without an event hub)");
  return deps.events;
}

/**
 * `files.onCompleted`: the caller's completed files (everyone's for a subject in `eventSubjects`) as tracked events.
 * With `lastEventId`, first every stored event after it, paged, then live ones; each exactly once and in id order
 * (which is commit order), with no gap between the two: the subscriber registers with the hub before it reads the
 * table, and skips any live event it already read.
 */
async function* stream(deps: ApiDeps, user: AuthUser, input: OnCompletedInput, signal: AbortSignal | undefined): AsyncGenerator<Tracked> {
  const hub = hubOf(deps);
  const everyone = deps.options.eventSubjects.includes(user.id);
  const userIds = everyone ? undefined : [user.id];
  const { queue, cursor } = hub.register((row) => everyone || row.userId === user.id);
  try {
    let after = input.lastEventId === undefined ? cursor : await resumePoint(deps, input.lastEventId);
    let behind = input.lastEventId !== undefined;
    while (signal?.aborted !== true) {
      if (behind) {
        queue.restart();
        for (;;) {
          const rows = await listFileEventsAfter(deps.db, { after, userIds, limit: hub.pageSize });
          for (const row of rows) yield toTracked(row);
          after = rows.at(-1)?.id ?? after;
          if (rows.length < hub.pageSize) break;
        }
      }
      const next = await queue.take(signal);
      behind = next === "behind";
      if (next === undefined || next === "behind" || next.id <= after) continue;
      after = next.id;
      yield toTracked(next);
    }
  } finally {
    hub.unregister(queue);
  }
}

/**
 * {@link stream}, with its domain errors made `TRPCError`s here: they are thrown while the stream runs, past the
 * middleware that does it for every other procedure.
 */
export async function* onCompleted(deps: ApiDeps, user: AuthUser, input: OnCompletedInput, signal: AbortSignal | undefined): AsyncGenerator<Tracked> {
  try {
    yield* stream(deps, user, input, signal);
  } catch (error) {
    throw isHoistError(error) ? toTRPCError(error) : error;
  }
}
