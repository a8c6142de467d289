import type { WorkerReply } from "./worker-protocol";
import { canStartInlineWorkers, InlineScript } from "./inline-script";

/** Workers idle this long are let go (a new upload starts them again in a few ms). */
const IDLE_MS = 2_000;

interface Task<TJob, TResult> {
  job: TJob;
  resolve: (result: TResult) => void;
  reject: (reason: unknown) => void;
}

interface Slot<TJob, TResult> {
  worker: Worker;
  task?: Task<TJob, TResult> | undefined;
}

/** What a {@link WorkerPool} runs: the worker's script, and the same work on the calling thread. */
export interface WorkerPoolOptions<TJob, TResult> {
  /** Source of the worker: answers each job message with a {@link WorkerReply}. */
  source: string;
  size: number;
  /** Used where workers are missing (Node) or refused (a CSP without `blob:`). */
  onThisThread: (job: TJob) => Promise<TResult>;
  /** What a failure is about, for its message (e.g. "hashing a part"). */
  what: string;
}

/**
 * A few reused Web Workers started from an inline script (a Blob URL: no extra file for bundlers to place), one
 * job each at a time, jobs queued FIFO across all uploads. Workers are let go when idle. Falls back to the
 * calling thread where workers are missing or refused, for waiting jobs and all later ones.
 */
export class WorkerPool<TJob, TResult> {
  private slots: Slot<TJob, TResult>[] = [];
  private readonly queue: Task<TJob, TResult>[] = [];
  private readonly script: InlineScript;
  private broken = !canStartInlineWorkers();
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: WorkerPoolOptions<TJob, TResult>) {
    this.script = new InlineScript(options.source);
  }

  /** Workers running now (for tests). */
  get workers(): number {
    return this.slots.length;
  }

  run(job: TJob): Promise<TResult> {
    if (this.broken) return this.options.onThisThread(job);
    return new Promise<TResult>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /** Lets the workers go now if nothing is queued or running (an upload ended). */
  closeIfIdle(): void {
    if (this.queue.length === 0 && this.slots.every((slot) => slot.task === undefined)) this.terminate();
  }

  private pump(): void {
    clearTimeout(this.idle);
    while (this.queue.length > 0 && !this.broken) {
      const slot = this.slots.find((candidate) => candidate.task === undefined) ?? this.spawn();
      if (slot === undefined) return;
      const task = this.queue.shift();
      slot.task = task;
      slot.worker.postMessage(task?.job);
    }
    if (this.slots.every((slot) => slot.task === undefined)) this.idle = setTimeout(() => { this.terminate(); }, IDLE_MS);
  }

  private spawn(): Slot<TJob, TResult> | undefined {
    if (this.slots.length >= this.options.size) return undefined;
    let worker: Worker;
    try {
      worker = this.script.start();
    } catch {
      this.fallBack(undefined);
      return undefined;
    }
    const slot: Slot<TJob, TResult> = { worker };
    worker.onmessage = (event: MessageEvent<WorkerReply<TResult>>) => {
      const { task } = slot;
      slot.task = undefined;
      if (event.data.error === undefined) task?.resolve(event.data.result);
      else task?.reject(new Error(`${this.options.what} failed: ${event.data.error}`));
      this.pump();
    };
    worker.onerror = (event) => {
      event.preventDefault(); // the worker could not start (CSP) or died: work on this thread from now on
      this.fallBack(slot.task);
    };
    this.slots.push(slot);
    return slot;
  }

  /** Workers are unusable here: every waiting job (and `task`, when a worker dropped it) runs on this thread. */
  private fallBack(task: Task<TJob, TResult> | undefined): void {
    this.broken = true;
    const orphans = [...this.slots.map((slot) => slot.task), task, ...this.queue.splice(0)];
    this.terminate();
    for (const orphan of new Set(orphans)) if (orphan !== undefined) this.options.onThisThread(orphan.job).then(orphan.resolve, orphan.reject);
  }

  private terminate(): void {
    clearTimeout(this.idle);
    for (const slot of this.slots) slot.worker.terminate();
    this.slots = [];
    this.script.release();
  }
}
