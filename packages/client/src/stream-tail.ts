import { UploadError } from "./errors";
import type { PartContext } from "./part-runner";
import { isUnsized } from "./stream-source";

/**
 * The stream ended in part `last`, `lastSize` bytes into it: from now on the plan is the stream's real one, so
 * parts are confirmed, progress is shown and `complete` is sent for what was actually read.
 */
function endAt(ctx: PartContext, last: number, lastSize: number): void {
  const size = (last - 1) * ctx.plan.partSize + lastSize;
  ctx.plan = { ...ctx.plan, size, partCount: last, lastPartSize: lastSize };
  ctx.meter.sizeLearnt(size, last);
}

/** `read`, given up when the upload stops: a pipe with no data yet would otherwise hold a stop forever. */
function untilStopped<T>(signal: AbortSignal, read: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onStop = () => {
      reject(signal.reason as Error);
    };
    if (signal.aborted) onStop();
    signal.addEventListener("abort", onStop, { once: true });
    read.then(resolve, reject).finally(() => {
      signal.removeEventListener("abort", onStop);
    });
  });
}

/**
 * Before part `partNumber` of a stream of unknown length is sent, reads its bytes off the stream (call it in
 * part order: the read is queued at once, before any await). Returns false when the stream ended before this
 * part, which is then not sent. A stream that ends inside this part makes it the last: it is signed again with
 * its length. Other sources: true, nothing to do.
 *
 * @throws UploadError `SIZE_OVER_LIMIT` when the stream holds more than its maximum
 */
export async function streamPart(ctx: PartContext, partNumber: number): Promise<boolean> {
  const { source } = ctx;
  if (!isUnsized(source)) return true;
  const start = (partNumber - 1) * ctx.plan.partSize;
  const end = Math.min(start + ctx.plan.partSize, source.maxSize);
  const got = await untilStopped(ctx.control.stopSignal, source.fill(start, end));
  const total = source.total;
  if (total === undefined) {
    if (end < source.maxSize || (await source.endsAt(end))) return true;
    throw new UploadError("SIZE_OVER_LIMIT", `the stream holds more than its maximum of ${source.maxSize} bytes; upload it again with a larger maximum (--max-size)`, {
      uploadId: ctx.uploadId,
    });
  }
  // The stream ended exactly where this part starts: the part before was the last (an empty stream is part 1).
  if (total === start && start > 0) {
    endAt(ctx, partNumber - 1, ctx.plan.partSize);
    return false;
  }
  if (total < start) return false;
  endAt(ctx, partNumber, got);
  // Its URL was signed for a whole part: storage would refuse a shorter body.
  if (got < end - start) await ctx.urls.resize?.(partNumber, got);
  return true;
}
