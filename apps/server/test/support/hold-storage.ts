import { randomUUID } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";

/** A storage call held by {@link holdStorage}. */
export interface HeldCall {
  /** Resolves once storage has answered the call and the answer is being held. */
  reached: Promise<void>;
  /** Lets the held answer through and stops holding. */
  release(): void;
}

/**
 * Holds the answer to the next `commandName` (e.g. `CompleteMultipartUploadCommand`) the API sends through
 * `client`, after storage has carried it out: a race becomes a sequence the test drives step by step
 * (storage assembled the object, the API has not heard yet). A real SDK middleware on the API's own client.
 */
export function holdStorage(client: S3Client, commandName: string): HeldCall {
  const name = `hold-${randomUUID()}`;
  let held = false;
  let reached!: () => void;
  let release!: () => void;
  const reachedP = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === commandName && !held) {
        held = true;
        reached();
        await released;
      }
      return result;
    },
    { step: "initialize", name },
  );
  return {
    reached: reachedP,
    release() {
      client.middlewareStack.remove(name);
      release();
    },
  };
}
