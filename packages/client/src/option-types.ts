// Retry and resume settings of the engine; re-exported by types.ts, which grew past one screen.

/** Retry policy for part PUTs: full-jitter exponential backoff. */
export interface RetryOptions {
  /** Attempts per part, first included (default 6). */
  attempts?: number;
  /** Base delay in ms (default 200); delays are random in [0, min(max, base * 2^n)]. */
  baseDelayMs?: number;
  /** Cap in ms (default 20,000). */
  maxDelayMs?: number;
  /** Per-attempt timeout in ms without progress (default 60,000). */
  timeoutMs?: number;
}

/** How long an API call retries an unreachable API or an `INTERNAL` (e.g. its database restarting); see api-call.ts. */
export interface ApiRetryOptions {
  /** Gives up once this many ms have passed since the call's first failure (default 30,000; 0: no retries). */
  budgetMs?: number;
  /** Base delay in ms (default 250); delays are random in [0, min(max, base * 2^n)]. */
  baseDelayMs?: number;
  /** Cap in ms (default 5,000). */
  maxDelayMs?: number;
}

/** Where sessions are kept so the same source resumes (IndexedDB in browsers, JSON files in Node). */
export interface ResumeStore {
  get(fingerprint: string): Promise<ResumeRecord | undefined>;
  set(fingerprint: string, record: ResumeRecord): Promise<void>;
  delete(fingerprint: string): Promise<void>;
  list(): Promise<ResumeRecord[]>;
}

/** What is remembered about an unfinished upload. */
export interface ResumeRecord {
  fingerprint: string;
  uploadId: string;
  name: string;
  size: number;
  route: string;
  /** Where the source lives, when the source knows (a file path in Node); lets `hoist resume` find it again. */
  path?: string;
  /** The MIME type the session was created with (a resume must declare the same; names do not always tell). */
  type?: string;
}
