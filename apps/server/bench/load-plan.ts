/** What one load-bench session is, shared by the bench's server entry and its load generator. */

/** The part floor of the bench's route; the bench's store accepts parts this small. */
export const LOAD_PART_SIZE = 1024;

/** Parts per session, all signed in one `signParts` call (the goal: p99 <= 50 ms for 100 parts). */
export const LOAD_PARTS = Number(process.env.BENCH_LOAD_PARTS ?? 100);

/** Sign windows per session in `windows` mode. */
export const WINDOWS = 10;

/** A run of the load generator: `sessions` sessions, `concurrency` at a time, round-robin over `urls`. */
export interface LoadRun {
  urls: string[];
  sessions: number;
  concurrency: number;
  /** Sessions are spread over this many users (`${userPrefix}-<n>`), so per-user rate limits do not refuse them. */
  users: number;
  userPrefix: string;
  /** Part PUTs in flight per session. */
  putsPerSession: number;
  /**
   * `full`: PUT every part and complete; `api`: abort right after signParts (the API alone, no store traffic);
   * `windows`: a session of {@link WINDOWS} x {@link LOAD_PARTS} parts signed window by window, then aborted (a big
   * upload's hot path: signParts is most of the calls).
   */
  mode: "full" | "api" | "windows";
}

/** Latency of one procedure over a run, in milliseconds. */
export interface Latency {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** What a run of the load generator reports. */
export interface LoadResult {
  seconds: number;
  completed: number;
  latency: Record<string, Latency>;
  /** Failed calls by procedure and HTTP status (or network error code). */
  failures: Record<string, number>;
  serverErrors: number;
  refusals: number;
  /** API calls the generator made (answered or not), and the generator's own CPU time (ms) for them. */
  calls: number;
  generatorCpuMs: number;
  /** CPU time of the server instances per session (ms), added by the driver. */
  apiCpuMsPerSession?: number;
}
