import { partRange } from "@hoist/contract/core";
import type { CompletedPart } from "@hoist/contract";
import { runPart } from "./part-runner";
import { streamPart } from "./stream-tail";
import type { PartContext } from "./part-runner";

/**
 * Sends `numbers` with at most `workers` parts of this upload open at once (each attempt still waits for a
 * slot of the shared scheduler). Keeping the per-upload count at the budget bounds what a sequential source
 * buffers. After the first part fails for good no new part starts; parts in flight finish (they stay in storage
 * for a resume) and then the failure is thrown.
 */
export async function sendParts(ctx: PartContext, numbers: readonly number[], workers: number): Promise<CompletedPart[]> {
  const queue = [...numbers];
  const completed: CompletedPart[] = [];
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined) {
      const partNumber = queue.shift();
      if (partNumber === undefined) return;
      try {
        // A stream of unknown length reads the part first; past its end there is nothing left to send.
        if (!(await streamPart(ctx, partNumber))) return;
        completed.push(await runPart(ctx, partNumber));
        const range = partRange(ctx.plan, partNumber);
        ctx.meter.confirmPart(range.size);
        ctx.source.release?.(range.start, range.end);
        ctx.onProgress();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, queue.length) }, worker));
  if (failure !== undefined) throw failure.error;
  return completed;
}
