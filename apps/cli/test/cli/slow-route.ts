import { KiB, MiB } from "@hoist/contract";

/**
 * A route with many small parts, so that an upload at `--concurrency 1` on loopback lasts long enough to be
 * interrupted mid-way (a few seconds) yet stays small on disk.
 */
export const SLOW_PART = 8 * KiB;
export const SLOW_SIZE = 4 * MiB;
export const SLOW_ROUTE = { slow: { maxSize: "1GB", types: ["*/*"], minPartSize: SLOW_PART } };
