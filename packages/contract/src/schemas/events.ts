import { z } from "zod";
import { FileRecordSchema } from "./files.js";

/**
 * An event id of `files.onCompleted`: a positive decimal integer as a string (ids are a database sequence; a string
 * because SSE's `id:` field and `Last-Event-ID` are text, and so ids past 2^53 stay exact).
 */
export const EventIdSchema = z
  .string({ error: "lastEventId must be a string: the id of the last event received from files.onCompleted" })
  .regex(/^[1-9]\d{0,18}$/, {
    error: "lastEventId must be the id of an event received from files.onCompleted (a positive whole number as a string)",
  });

/** Input of `files.onCompleted`; with `lastEventId`, every event after it is sent first, then live ones. */
export const OnCompletedInputSchema = z.strictObject({ lastEventId: EventIdSchema.optional() });

/** One event of `files.onCompleted` (sent as tRPC `tracked(id, event)`): a file that was completed. */
export const FileCompletedEventSchema = z.strictObject({ id: EventIdSchema, file: FileRecordSchema });

/** {@link OnCompletedInputSchema} as a type. */
export type OnCompletedInput = z.infer<typeof OnCompletedInputSchema>;
/** {@link FileCompletedEventSchema} as a type. */
export type FileCompletedEvent = z.infer<typeof FileCompletedEventSchema>;
