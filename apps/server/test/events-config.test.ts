import { describe, expect, it } from "vitest";
import { configFromEnv } from "../src/config";
import { EnvError, readEnv } from "../src/env";

/** The start-up error `env` causes (readEnv throws EnvError naming each bad variable). */
function refusal(env: Record<string, string>): string {
  try {
    readEnv(env);
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  return "accepted";
}

describe("configuration of files.onCompleted", () => {
  it("a bad HOIST_EVENT_RETENTION_HOURS or HOIST_EVENT_SUBJECTS stops start-up with a message naming it", () => {
    expect(refusal({ HOIST_EVENT_RETENTION_HOURS: "0" })).toMatch(/HOIST_EVENT_RETENTION_HOURS: must be at least 1/);
    expect(refusal({ HOIST_EVENT_RETENTION_HOURS: "a week" })).toMatch(/HOIST_EVENT_RETENTION_HOURS: must be a whole number/);
    expect(refusal({ HOIST_EVENT_SUBJECTS: "indexer,,billing" })).toMatch(/HOIST_EVENT_SUBJECTS: must be user ids/);
    expect(refusal({ HOIST_EVENT_SUBJECTS: "index er" })).toMatch(/HOIST_EVENT_SUBJECTS: must be user ids/);
  });

  it("defaults to no subjects and a week of retention; subjects are a comma-separated list", () => {
    expect(configFromEnv(readEnv({})).events).toEqual({ subjects: [], retentionHours: 168 });
    const set = readEnv({ HOIST_EVENT_SUBJECTS: " indexer , billing-svc ", HOIST_EVENT_RETENTION_HOURS: "24" });
    expect(configFromEnv(set).events).toEqual({ subjects: ["indexer", "billing-svc"], retentionHours: 24 });
  });
});
